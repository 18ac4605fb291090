// SPDX-License-Identifier: GPL-2.0
#include <elf.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "vmlinux_map.h"

int vm_open(struct vmlinux *v, const char *path)
{
	const Elf64_Ehdr *eh;
	struct stat st;
	unsigned int i;
	int fd;

	memset(v, 0, sizeof(*v));
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) || st.st_size < (off_t)sizeof(*eh)) {
		close(fd);
		return -1;
	}
	v->size = st.st_size;
	v->file = mmap(NULL, v->size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (v->file == MAP_FAILED)
		return -1;
	eh = (const Elf64_Ehdr *)v->file;
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_machine != EM_X86_64 ||
	    eh->e_phoff + (u64)eh->e_phnum * sizeof(Elf64_Phdr) > v->size)
		goto bad;
	for (i = 0; i < eh->e_phnum && v->nseg < 16; i++) {
		const Elf64_Phdr *ph = (const Elf64_Phdr *)
			(v->file + eh->e_phoff) + i;

		if (ph->p_type != PT_LOAD || ph->p_vaddr < 0xffff800000000000ULL ||
		    ph->p_offset + ph->p_filesz > v->size)
			continue;
		v->seg[v->nseg].vaddr = ph->p_vaddr;
		v->seg[v->nseg].filesz = ph->p_filesz;
		v->seg[v->nseg].memsz = ph->p_memsz;
		v->seg[v->nseg].data = v->file + ph->p_offset;
		v->nseg++;
	}
	if (!v->nseg)
		goto bad;
	v->has_symtab = vm_section(v, ".symtab", NULL, NULL) != NULL;
	return 0;
bad:
	munmap((void *)v->file, v->size);
	v->file = NULL;
	return -1;
}

void vm_close(struct vmlinux *v)
{
	if (v->file)
		munmap((void *)v->file, v->size);
	v->file = NULL;
}

int vm_read(void *ctx, u64 addr, void *buf, size_t len)
{
	const struct vmlinux *v = ctx;
	unsigned int i;

	for (i = 0; i < v->nseg; i++) {
		const struct vm_seg *s = &v->seg[i];
		u64 off = addr - s->vaddr, n;

		if (addr < s->vaddr || off >= s->memsz || len > s->memsz - off)
			continue;
		n = off < s->filesz ? s->filesz - off : 0;
		if (n > len)
			n = len;
		memcpy(buf, s->data + off, n);
		memset((u8 *)buf + n, 0, len - n);
		return 0;
	}
	return -1;
}

const u8 *vm_section(const struct vmlinux *v, const char *name, u64 *addr,
		     u64 *size)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)v->file;
	const Elf64_Shdr *sh, *strs;
	unsigned int i;

	if (!eh->e_shoff || eh->e_shstrndx >= eh->e_shnum ||
	    eh->e_shoff + (u64)eh->e_shnum * sizeof(*sh) > v->size)
		return NULL;
	sh = (const Elf64_Shdr *)(v->file + eh->e_shoff);
	strs = &sh[eh->e_shstrndx];
	for (i = 0; i < eh->e_shnum; i++) {
		const char *n;

		if (sh[i].sh_name >= strs->sh_size)
			continue;
		n = (const char *)v->file + strs->sh_offset + sh[i].sh_name;
		if (strcmp(n, name))
			continue;
		if (sh[i].sh_type == SHT_NOBITS ||
		    sh[i].sh_offset + sh[i].sh_size > v->size)
			return NULL;
		if (addr)
			*addr = sh[i].sh_addr;
		if (size)
			*size = sh[i].sh_size;
		return v->file + sh[i].sh_offset;
	}
	return NULL;
}
