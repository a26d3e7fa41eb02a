#!/usr/bin/env bash
# Install the system packages dlgraph's tests and reasoner need, from Debian's packages.
# Java runs HermiT (the OWL DL reasoner inside owlready2); Chromium renders the HTML report
# in its tests (DLGRAPH_BROWSER=0 leaves it out); Apache Jena 4.5 (SHACL and ARQ) referees
# dlgraph's SHACL and SPARQL engines in tests/test_jena.py, which compiles a small Java
# class with javac (DLGRAPH_JENA=0 leaves both out); Virtuoso Open Source 7.2 is the
# second real SPARQL server in tests/virtuoso.py (DLGRAPH_VIRTUOSO=0 leaves it out). Safe to
# run again: it only installs what is missing, and says so when it cannot (not root, no
# apt-get).
#
# Debian's virtuoso-opensource asks for the dba password and starts a system-wide server on
# ports 1111 and 8890. The tests start their own server (a database folder and a
# virtuoso.ini in a temporary folder, free ports), so the system one is not wanted: the
# password is preseeded empty (the package then leaves the default database alone), the
# install runs with a policy-rc.d that refuses to start services, and the service is
# disabled afterwards so it does not start at boot either.
#
# Debian's libapache-jena-java moves Jena's copy of Xerces to the package `xerces` but
# leaves its message resources in jena-core.jar under org/apache/jena/ext/xerces/impl/, so
# Jena fails at start (ExceptionInInitializerError, "internal error" in
# XSSimpleTypeDecl.applyFacets1). libxerces2-java does not help (its resources are under
# org/apache/xerces/). tests/jena.py copies jena-core's own resources to xerces/impl/ in
# a folder on the class path; nothing needs to be installed for that.
set -u
need=()
if [ "${DLGRAPH_JENA:-1}" = "1" ]; then
  command -v javac >/dev/null 2>&1 || need+=(default-jdk-headless)
  [ -f /usr/share/java/jena-shacl.jar ] || need+=(libapache-jena-java)
else
  command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
fi
if [ "${DLGRAPH_BROWSER:-1}" = "1" ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
fi
if [ "${DLGRAPH_VIRTUOSO:-1}" = "1" ]; then
  { command -v virtuoso-t >/dev/null 2>&1 && command -v isql-vt >/dev/null 2>&1; } \
    || need+=(virtuoso-opensource)
fi
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "dlgraph setup: missing system packages: ${need[*]} (install them with apt-get as root);" \
       "tests that need them will be skipped with that reason." >&2
  exit 0
fi
echo "dlgraph setup: installing ${need[*]} from Debian's packages" >&2
export DEBIAN_FRONTEND=noninteractive
policy=/usr/sbin/policy-rc.d
own_policy=0
if [[ " ${need[*]} " == *" virtuoso-opensource "* ]]; then
  printf '%s\n' "virtuoso-opensource-7 virtuoso-opensource-7/dba-password password" \
    "virtuoso-opensource-7 virtuoso-opensource-7/dba-password-again password" \
    | debconf-set-selections
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\n# dlgraph setup: no services start while packages install\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    own_policy=1
    trap 'rm -f "$policy"' EXIT
  fi
fi
apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
  || echo "dlgraph setup: apt-get could not install ${need[*]}; dependent tests will be skipped." >&2
if [ "$own_policy" = "1" ]; then rm -f "$policy"; trap - EXIT; fi
if [ -x /etc/init.d/virtuoso-opensource-7 ] && [[ " ${need[*]} " == *" virtuoso-opensource "* ]]; then
  # The system-wide server is not used: stopped, should a policy-rc.d of the machine have
  # let it start, and kept from starting at boot.
  /etc/init.d/virtuoso-opensource-7 stop >/dev/null 2>&1 || true
  update-rc.d virtuoso-opensource-7 disable >/dev/null 2>&1 || true
fi
exit 0
