#!/bin/sh
# Generate configure and the Makefile templates (needs autoconf, automake).
set -e
cd "$(dirname "$0")"
autoreconf -fi
