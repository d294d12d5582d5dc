#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# CalDAV and CardDAV in the academy in a box: each person's pre-created agenda
# and address book work for their owner and are closed to everyone else.

import unittest

import academy

A = academy.Shared()
setUpModule = A.set_up
tearDownModule = A.tear_down

EVENT = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Cartable//Tests//FR\r
BEGIN:VEVENT\r
UID:conseil-4b-{n}@test.ac-normandie.fr\r
DTSTAMP:20240902T080000Z\r
DTSTART:20241015T170000Z\r
DTEND:20241015T183000Z\r
SUMMARY:Conseil de classe de la 4e B\r
LOCATION:Salle 112\r
END:VEVENT\r
END:VCALENDAR\r
"""

CARD = """BEGIN:VCARD\r
VERSION:3.0\r
UID:contact-{n}@test.ac-normandie.fr\r
FN:Hélène Lecoq\r
N:Lecoq;Hélène;;;\r
EMAIL;TYPE=WORK:helene.lecoq@ac-normandie.fr\r
TEL;TYPE=WORK:02 35 12 34 56\r
ORG:Lycée Pierre Corneille\r
END:VCARD\r
"""


class Dav(unittest.TestCase):
  owner = ("mdurand", None)
  other = ("tlefebvre", None)

  @classmethod
  def setUpClass(cls):
    cls.owner = ("mdurand", A.account("mdurand")["password"])
    cls.other = ("tlefebvre", A.account("tlefebvre")["password"])

  def roundtrip(self, collection, name, body, content_type, must_contain):
    path = "/mdurand/%s/%s" % (collection, name)
    status, _, _ = A.dav("PUT", path, *self.owner, body=body.encode(),
                         headers={"Content-Type": content_type, "If-None-Match": "*"})
    self.assertEqual(status, 201)
    status, data, r = A.dav("GET", path, *self.owner)
    self.assertEqual(status, 200)
    self.assertTrue(r.getheader("ETag"))
    text = data.decode()
    for needle in must_contain:
      self.assertIn(needle, text)
    # Creating it again is a conflict (what EDS meets as HTTP 412).
    status, _, _ = A.dav("PUT", path, *self.owner, body=body.encode(),
                         headers={"Content-Type": content_type, "If-None-Match": "*"})
    self.assertEqual(status, 412)

    # Another user can neither read, nor write, nor list.
    status, _, _ = A.dav("GET", path, *self.other)
    self.assertEqual(status, 403)
    status, _, _ = A.dav("PUT", "/mdurand/%s/intrus-%s" % (collection, name), *self.other, body=body.encode(),
                         headers={"Content-Type": content_type})
    self.assertEqual(status, 403)
    status, _, _ = A.dav("PROPFIND", "/mdurand/%s/" % collection, *self.other, headers={"Depth": "1"})
    self.assertEqual(status, 403)
    status, _, _ = A.dav("DELETE", path, *self.other)
    self.assertEqual(status, 403)
    # Nobody without a password.
    status, _, r = A.dav("GET", path)
    self.assertEqual(status, 401)
    self.assertIn("Basic", r.getheader("WWW-Authenticate"))
    status, _, _ = A.dav("GET", path, "mdurand", "pas le bon")
    self.assertEqual(status, 401)
    # Still there for the owner.
    status, _, _ = A.dav("GET", path, *self.owner)
    self.assertEqual(status, 200)

  def test_caldav(self):
    self.roundtrip("agenda", "conseil.ics", EVENT.format(n=1), "text/calendar; charset=utf-8",
                   ["conseil-4b-1@test.ac-normandie.fr", "Conseil de classe de la 4e B", "Salle 112"])

  def test_carddav(self):
    self.roundtrip("contacts", "lecoq.vcf", CARD.format(n=1), "text/vcard; charset=utf-8",
                   ["contact-1@test.ac-normandie.fr", "Hélène Lecoq", "helene.lecoq@ac-normandie.fr"])

  def test_precreated_collections(self):
    body = ('<?xml version="1.0" encoding="utf-8"?><propfind xmlns="DAV:"><prop><resourcetype/>'
            '<displayname/></prop></propfind>')
    status, data, _ = A.dav("PROPFIND", "/tlefebvre/", *self.other, body=body.encode(),
                            headers={"Depth": "1", "Content-Type": "application/xml"})
    self.assertEqual(status, 207)
    text = data.decode()
    self.assertIn("/tlefebvre/agenda/", text)
    self.assertIn("/tlefebvre/contacts/", text)
    self.assertIn("calendar", text)
    self.assertIn("addressbook", text)
    # The principal is discoverable from the root, as clients do.
    status, data, _ = A.dav("PROPFIND", "/", *self.other,
                            body=b'<?xml version="1.0"?><propfind xmlns="DAV:"><prop><current-user-principal/>'
                                 b'</prop></propfind>', headers={"Depth": "0", "Content-Type": "application/xml"})
    self.assertEqual(status, 207)
    self.assertIn("/tlefebvre/", data.decode())


if __name__ == "__main__":
  academy.stack_script()
  unittest.main(verbosity=2)
