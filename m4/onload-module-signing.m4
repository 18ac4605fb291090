dnl onload-module-signing.m4 -- sign the modules for kernels that demand it.
dnl
dnl --with-signing-key=KEY --with-signing-cert=CERT: after every build, sign
dnl both modules with the tree's scripts/sign-file (the key a PEM file or a
dnl PKCS#11 URI, the certificate PEM or DER).  --with-signing-key=tree takes
dnl the tree's own CONFIG_MODULE_SIG_KEY and certs/signing_key.x509 (a tree
dnl built from source keeps them; distribution headers do not ship keys).
dnl Everything is checked here, so a bad key stops configure with one line
dnl and no build starts: the files, sign-file, and that the key matches the
dnl certificate.  The hash: --with-signing-hash, else the tree's
dnl CONFIG_MODULE_SIG_HASH, else sha512.

AC_DEFUN([ONLOAD_AC_MODULE_SIGNING], [
	AC_ARG_WITH([signing-key],
		[AS_HELP_STRING([--with-signing-key=KEY],
			[sign the modules with KEY (PEM file or pkcs11: URI); "tree" uses the tree's CONFIG_MODULE_SIG_KEY])],
		[MODULE_SIGN_KEY=$withval], [MODULE_SIGN_KEY=])
	AC_ARG_WITH([signing-cert],
		[AS_HELP_STRING([--with-signing-cert=CERT],
			[the X.509 certificate of the signing key (PEM or DER)])],
		[MODULE_SIGN_CERT=$withval], [MODULE_SIGN_CERT=])
	AC_ARG_WITH([signing-hash],
		[AS_HELP_STRING([--with-signing-hash=ALGO],
			[signature hash (default: the tree's CONFIG_MODULE_SIG_HASH, else sha512)])],
		[MODULE_SIGN_HASH=$withval], [MODULE_SIGN_HASH=])

	MODULE_SIGN=no
	MODULE_SIGN_FILE=
	onload_autoconf=$LINUX_OBJ/include/config/auto.conf
	AS_CASE([$MODULE_SIGN_KEY],
		[no|''], [
			AS_IF([test -n "$MODULE_SIGN_CERT"],
				[AC_MSG_ERROR([--with-signing-cert needs --with-signing-key])])
			MODULE_SIGN_KEY=],
		[yes], [AC_MSG_ERROR([--with-signing-key needs a key file, a pkcs11: URI or "tree"])],
		[tree], [
			onload_tree_key=`$SED -n 's/^CONFIG_MODULE_SIG_KEY="\{0,1\}\(@<:@^"@:>@*\)"\{0,1\}$/\1/p' "$onload_autoconf"`
			AS_IF([test -z "$onload_tree_key"],
				[AC_MSG_ERROR([--with-signing-key=tree: $LINUX_OBJ has no CONFIG_MODULE_SIG_KEY (built without CONFIG_MODULE_SIG): give --with-signing-key=KEY --with-signing-cert=CERT])])
			AS_CASE([$onload_tree_key],
				[/*|pkcs11:*], [MODULE_SIGN_KEY=$onload_tree_key],
				[MODULE_SIGN_KEY=$LINUX_OBJ/$onload_tree_key])
			AS_IF([test -z "$MODULE_SIGN_CERT"],
				[MODULE_SIGN_CERT=$LINUX_OBJ/certs/signing_key.x509])])

	AS_IF([test -n "$MODULE_SIGN_KEY"], [
		AC_PATH_PROG([OPENSSL], [openssl])
		AC_MSG_CHECKING([the module signing key and certificate])
		AS_IF([test -z "$MODULE_SIGN_CERT"],
			[AC_MSG_ERROR([--with-signing-key needs --with-signing-cert=CERT (the key's X.509 certificate)])])
		AS_CASE([$MODULE_SIGN_KEY], [pkcs11:*], [], [
			AS_IF([test ! -r "$MODULE_SIGN_KEY"],
				[AC_MSG_ERROR([signing key $MODULE_SIGN_KEY: no such readable file (a tree from distribution headers ships no private key)])])
			MODULE_SIGN_KEY=`cd "$(dirname "$MODULE_SIGN_KEY")" && pwd -P`/`basename "$MODULE_SIGN_KEY"`])
		AS_IF([test ! -r "$MODULE_SIGN_CERT"],
			[AC_MSG_ERROR([signing certificate $MODULE_SIGN_CERT: no such readable file])])
		MODULE_SIGN_CERT=`cd "$(dirname "$MODULE_SIGN_CERT")" && pwd -P`/`basename "$MODULE_SIGN_CERT"`
		AS_IF([test -z "$OPENSSL"],
			[AC_MSG_ERROR([openssl not found (needed to check the signing key): apt-get install openssl])])
		dnl The certificate's public key, whichever encoding it has.
		onload_cert_pub=`$OPENSSL x509 -in "$MODULE_SIGN_CERT" -inform DER -noout -pubkey 2>/dev/null ||
			$OPENSSL x509 -in "$MODULE_SIGN_CERT" -inform PEM -noout -pubkey 2>/dev/null`
		AS_IF([test -z "$onload_cert_pub"],
			[AC_MSG_ERROR([signing certificate $MODULE_SIGN_CERT is not an X.509 certificate (PEM or DER)])])
		AS_CASE([$MODULE_SIGN_KEY], [pkcs11:*], [], [
			onload_key_pub=`$OPENSSL pkey -in "$MODULE_SIGN_KEY" -pubout 2>/dev/null`
			AS_IF([test -z "$onload_key_pub"],
				[AC_MSG_ERROR([signing key $MODULE_SIGN_KEY holds no private key openssl can read (PEM, unencrypted)])])
			AS_IF([test "$onload_key_pub" != "$onload_cert_pub"],
				[AC_MSG_ERROR([signing key $MODULE_SIGN_KEY does not match certificate $MODULE_SIGN_CERT (their public keys differ)])])])
		MODULE_SIGN_FILE=$LINUX_OBJ/scripts/sign-file
		AS_IF([test ! -x "$MODULE_SIGN_FILE"],
			[AC_MSG_ERROR([$MODULE_SIGN_FILE not found: the tree cannot sign modules (its scripts are not built)])])
		dnl Run without arguments it prints its usage; anything else (a
		dnl library missing) is why it cannot sign here.
		AS_IF([! "$MODULE_SIGN_FILE" 2>&1 | grep -q Usage], [
			onload_sign_out=`"$MODULE_SIGN_FILE" 2>&1 | tail -n 1`
			AC_MSG_ERROR([$MODULE_SIGN_FILE does not run on this machine: $onload_sign_out])])
		AS_IF([test -z "$MODULE_SIGN_HASH"],
			[MODULE_SIGN_HASH=`$SED -n 's/^CONFIG_MODULE_SIG_HASH="\{0,1\}\(@<:@^"@:>@*\)"\{0,1\}$/\1/p' "$onload_autoconf"`])
		AS_IF([test -z "$MODULE_SIGN_HASH"], [MODULE_SIGN_HASH=sha512])
		MODULE_SIGN=yes
		AC_MSG_RESULT([$MODULE_SIGN_HASH, $MODULE_SIGN_CERT])
	])
	AC_SUBST([MODULE_SIGN])
	AC_SUBST([MODULE_SIGN_KEY])
	AC_SUBST([MODULE_SIGN_CERT])
	AC_SUBST([MODULE_SIGN_HASH])
	AC_SUBST([MODULE_SIGN_FILE])
])
