#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Seed data: the account list and profile written at start, the mail seeder
# (10,000 messages in a few seconds, readable over IMAP, with threads,
# newsletters, images and voice notes), and a large directory for benchmarks.

import email
import os
import subprocess
import time
import unittest
import xml.etree.ElementTree as ET

import academy

A = None
NS = {"c": "https://cartable.github.io/ns/academy/1.0"}


def setUpModule():
  global A
  A = academy.Academy().start()


def tearDownModule():
  A.stop()


class Files(unittest.TestCase):
  def test_env_file(self):
    for key in ("ACADEMY_DIR", "ACADEMY_PORT_BASE", "ACADEMY_IMAPS_PORT", "ACADEMY_IMAP_PORT",
                "ACADEMY_SUBMISSION_PORT", "ACADEMY_SIEVE_PORT", "ACADEMY_DAV_PORT", "ACADEMY_LDAP_PORT",
                "ACADEMY_PORTAL_PORT", "ACADEMY_PROFILE", "ACADEMY_CA", "ACADEMY_DOMAIN", "ACADEMY_LDAP_BASE"):
      self.assertIn(key, A.env)
    base = int(A.env["ACADEMY_PORT_BASE"])
    self.assertEqual([A.port(n) - base for n in ("IMAPS", "IMAP", "SUBMISSION", "SIEVE", "DAV", "LDAP", "PORTAL")],
                     list(range(7)))
    # The file is sourceable.
    out = subprocess.run(["sh", "-c", '. "$0/env" && echo "$ACADEMY_PROFILE"', A.dir], stdout=subprocess.PIPE,
                         text=True).stdout.strip()
    self.assertEqual(out, os.path.join(A.dir, "academy.xml"))

  def test_profile(self):
    root = ET.parse(A.env["ACADEMY_PROFILE"]).getroot()
    self.assertEqual(root.tag, "clientConfig")
    self.assertEqual(root.get("version"), "1.1")
    provider = root.find("emailProvider")
    self.assertEqual(provider.get("id"), "ac-normandie.fr")
    incoming = provider.findall("incomingServer")
    self.assertEqual([(s.findtext("port"), s.findtext("socketType")) for s in incoming],
                     [(str(A.port("IMAPS")), "SSL"), (str(A.port("IMAP")), "STARTTLS")])
    self.assertEqual(incoming[0].findtext("username"), "%ACADEMY_ID%")
    out = provider.find("outgoingServer")
    self.assertEqual((out.findtext("port"), out.findtext("socketType")), (str(A.port("SUBMISSION")), "STARTTLS"))
    self.assertEqual(root.find("addressBook").findtext("serverURL"), "https://127.0.0.1:%d/" % A.port("DAV"))
    self.assertEqual(root.find("calendar").findtext("serverURL"), "https://127.0.0.1:%d/" % A.port("DAV"))
    acad = root.find("c:academy", NS)
    self.assertEqual(acad.get("id"), "normandie")
    self.assertEqual(acad.find("c:portal", NS).get("url"), "https://127.0.0.1:%d/api/v1/" % A.port("PORTAL"))
    directory = acad.find("c:directory", NS)
    self.assertEqual(directory.get("url"), "ldap://127.0.0.1:%d/" % A.port("LDAP"))
    self.assertEqual(directory.get("base"), A.env["ACADEMY_LDAP_BASE"])
    self.assertEqual(directory.get("security"), "starttls")
    ca = acad.find("c:ca-certificate", NS).get("file")
    self.assertTrue(os.path.samefile(os.path.join(os.path.dirname(A.env["ACADEMY_PROFILE"]), ca), A.env["ACADEMY_CA"]))
    self.assertEqual(acad.find("c:sieve", NS).get("port"), str(A.port("SIEVE")))
    self.assertGreater(int(acad.find("c:limits", NS).get("max-message-size")), 1000000)
    devices = {g.get("device") for g in acad.find("c:devices", NS)}
    self.assertEqual(devices, {"iphone", "ipad", "android", "pc", "caldav-sync"})

  def test_accounts_in_every_state(self):
    states = {a["state"] for a in A.accounts.values()}
    self.assertTrue({"active", "temporary", "locked", "awaiting", "expired", "other-academy", "secretariat",
                     "service"} <= states, states)
    with open(os.path.join(A.dir, "accounts.txt"), encoding="utf-8") as f:
      text = f.read()
    for a in A.accounts.values():
      self.assertIn(a["identifier"], text)
      for key in ("password", "code", "numen", "birth_date"):
        if a.get(key):
          self.assertIn(a[key], text)


class MailSeeder(unittest.TestCase):
  def test_ten_thousand_messages(self):
    t0 = time.monotonic()
    proc = subprocess.run([academy.stack_script(), "seed-mail", "--dir", A.dir, "--user", "tlefebvre",
                           "--count", "10000"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    elapsed = time.monotonic() - t0
    self.assertEqual(proc.returncode, 0, proc.stderr)
    # Information only: speed is measured by benchmarks, not asserted here.
    print("seeded 10,000 messages in %.2f s" % elapsed)

    m = A.imap("tlefebvre", A.account("tlefebvre")["password"])
    total = 0
    folders = []
    for line in m.list()[1]:
      flags, _, name = line.decode().partition(') "/" ')
      if "\\Noselect" in flags:
        continue
      folders.append(name)
      typ, data = m.status(name, "(MESSAGES)")
      total += int(data[0].decode().rsplit("MESSAGES ", 1)[1].rstrip(")"))
    self.assertEqual(total, 10000)
    self.assertIn("R&AOk-unions", folders)  # "Réunions", modified UTF-7
    self.assertIn('"Projets/Voyage scolaire"', folders)

    m.select("INBOX", readonly=True)
    typ, data = m.search(None, "HEADER", "In-Reply-To", "@seed.")
    self.assertGreater(len(data[0].split()), 100, "threads")
    typ, data = m.search(None, "HEADER", "List-Id", "ac-normandie.fr")
    newsletters = data[0].split()
    self.assertGreater(len(newsletters), 100)
    msg = email.message_from_bytes(m.fetch(newsletters[0], "(BODY.PEEK[])")[1][0][1])
    html = [p for p in msg.walk() if p.get_content_type() == "text/html"][0].get_payload(decode=True).decode()
    self.assertIn('src="https://', html)

    found = {}
    typ, data = m.search(None, "SUBJECT", "Photo")
    for num in data[0].split()[:3]:
      msg = email.message_from_bytes(m.fetch(num, "(BODY.PEEK[])")[1][0][1])
      for part in msg.walk():
        if part.get_content_type() == "image/png":
          found["png"] = part.get_payload(decode=True)
    typ, data = m.search(None, "SUBJECT", "vocal")
    msg = email.message_from_bytes(m.fetch(data[0].split()[0], "(BODY.PEEK[])")[1][0][1])
    for part in msg.walk():
      if part.get_content_type() == "audio/wav":
        found["wav"] = part.get_payload(decode=True)
    m.logout()
    self.assertTrue(found["png"].startswith(b"\x89PNG\r\n\x1a\n") and found["png"].endswith(b"IEND\xaeB`\x82"))
    self.assertTrue(found["wav"].startswith(b"RIFF") and found["wav"][8:12] == b"WAVE")

  def test_one_folder_and_errors(self):
    proc = subprocess.run([academy.stack_script(), "seed-mail", "--dir", A.dir, "--user",
                           "camille.moreau@ac-normandie.fr", "--count", "50", "--folder", "Archive"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    self.assertEqual(proc.returncode, 0, proc.stderr)
    count = len(os.listdir(os.path.join(A.dir, "mail", "camille.moreau@ac-normandie.fr", "Maildir", ".Archive",
                                        "cur")))
    self.assertEqual(count, 50)
    proc = subprocess.run([academy.stack_script(), "seed-mail", "--dir", A.dir, "--user", "personne",
                           "--count", "5"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    self.assertNotEqual(proc.returncode, 0)


class LargeDirectory(unittest.TestCase):
  def test_benchmark_directory(self):
    with academy.Academy({"ACADEMY_DIRECTORY_SIZE": "3000"}) as big:
      people = big.ldapsearch("(objectClass=inetOrgPerson)", ["uid"])
      self.assertEqual(len(people), 3000)
      self.assertEqual(len({p["uid"][0] for p in people}), 3000)
      # The demo accounts keep their identifiers.
      self.assertEqual(len(big.ldapsearch("(uid=mdurand)")), 1)


if __name__ == "__main__":
  academy.stack_script()
  unittest.main(verbosity=2)
