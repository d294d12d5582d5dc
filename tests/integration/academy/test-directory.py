#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The academic directory (slapd) over StartTLS: searches by name, school, UAI
# and function return the seeded people; passwords are not readable.

import subprocess
import unittest

import academy

A = academy.Shared()
setUpModule = A.set_up
tearDownModule = A.tear_down


class Directory(unittest.TestCase):
  def uids(self, entries):
    return {e["uid"][0] for e in entries if "uid" in e}

  def test_size_and_attributes(self):
    people = A.ldapsearch("(objectClass=inetOrgPerson)")
    self.assertGreaterEqual(len(people), 60)
    schools = {e["departmentNumber"][0] for e in people}
    self.assertGreaterEqual(len(schools), 5)
    titles = {e["title"][0] for e in people}
    self.assertGreaterEqual(len(titles), 15)
    for e in people:
      for attr in ("cn", "sn", "givenName", "mail", "title", "ou", "departmentNumber", "telephoneNumber", "uid"):
        self.assertIn(attr, e, e)
      self.assertTrue(e["mail"][0].endswith("@ac-normandie.fr"))
      self.assertRegex(e["departmentNumber"][0], r"^\d{7}[A-Z]$")
      self.assertNotIn("userPassword", e)

  def test_search_by_name(self):
    found = A.ldapsearch("(cn=Marie Durand)")
    self.assertEqual(self.uids(found), {"mdurand"})
    self.assertEqual(found[0]["mail"], ["marie.durand@ac-normandie.fr"])
    self.assertEqual(found[0]["ou"], ["Lycée Pierre Corneille"])
    found = A.ldapsearch("(|(sn=lef*)(givenName=élise))")
    self.assertIn("tlefebvre", self.uids(found))
    self.assertIn("elambert", self.uids(found))
    # Accents and case as people type them.
    self.assertIn("elambert", self.uids(A.ldapsearch("(cn=ÉLISE LAMBERT)")))

  def test_search_by_school(self):
    found = A.ldapsearch("(ou=Lycée Malherbe)")
    self.assertGreaterEqual(len(found), 8)
    self.assertIn("nbonnet", self.uids(found))
    self.assertEqual({e["departmentNumber"][0] for e in found}, {"0140013N"})
    self.assertEqual(self.uids(A.ldapsearch("(departmentNumber=0140013N)")), self.uids(found))
    school = A.ldapsearch("(ou=0140013N)", base="ou=structures,dc=ac-normandie,dc=fr")
    self.assertEqual(school[0]["description"], ["Lycée Malherbe"])
    self.assertEqual(school[0]["l"], ["Caen"])

  def test_search_by_function(self):
    heads = A.ldapsearch("(|(title=Proviseur)(title=Proviseure)(title=Principal)(title=Principale))")
    self.assertGreaterEqual(len(heads), 4)
    maths = A.ldapsearch("(&(ou=Lycée Pierre Corneille)(title=*mathématiques*))")
    self.assertIn("tlefebvre", self.uids(maths))
    cpe = A.ldapsearch("(title=Conseill*principal* d'éducation)")
    self.assertIn("cmoreau", self.uids(cpe))

  def test_plain_ldap_without_tls_also_answers(self):
    proc = subprocess.run(["ldapsearch", "-LLL", "-x", "-H", "ldap://127.0.0.1:%d/" % A.port("LDAP"),
                           "-b", A.env["ACADEMY_LDAP_BASE"], "(uid=mdurand)", "mail"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    self.assertEqual(proc.returncode, 0, proc.stderr)
    self.assertIn(b"marie.durand@ac-normandie.fr", proc.stdout)

  def test_bind_as_user(self):
    self.assertTrue(A.ldap_bind_works("mdurand", A.account("mdurand")["password"]))
    self.assertFalse(A.ldap_bind_works("mdurand", "pas le bon"))


if __name__ == "__main__":
  academy.stack_script()
  unittest.main(verbosity=2)
