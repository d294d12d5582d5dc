#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Several instances side by side: started at the same time they pick
# different port bases, they do not see each other's mail, accounts or
# certificates, `status` tells the truth, and `stop` leaves no process.

import os
import ssl
import subprocess
import threading
import unittest

import academy


class Instances(unittest.TestCase):
  def start_many(self, n):
    instances = [academy.Academy() for _ in range(n)]
    errors = []

    def run(a):
      try:
        a.start()
      except Exception as e:  # reported below
        errors.append(e)

    threads = [threading.Thread(target=run, args=(a,)) for a in instances]
    for t in threads:
      t.start()
    for t in threads:
      t.join()
    for a in instances:
      self.addCleanup(a.stop)
    self.assertEqual(errors, [])
    return instances

  def test_parallel_instances_without_cross_talk(self):
    a, b, c = self.start_many(3)
    bases = {int(x.env["ACADEMY_PORT_BASE"]) for x in (a, b, c)}
    self.assertEqual(len(bases), 3, "each instance has its own port base")
    for x in (a, b, c):
      # Information only: speed is measured by benchmarks, not asserted here.
      print("started in %.2f s" % x.start_seconds)
      self.assertEqual(x.status(), 0)
    for x in (a, b):
      for y in (a, b):
        if x is not y:
          self.assertTrue(set(range(int(x.env["ACADEMY_PORT_BASE"]), int(x.env["ACADEMY_PORT_BASE"]) + 10))
                          .isdisjoint(range(int(y.env["ACADEMY_PORT_BASE"]), int(y.env["ACADEMY_PORT_BASE"]) + 10)))

    # Mail sent in A stays in A.
    s = a.smtp("mdurand", a.account("mdurand")["password"])
    s.sendmail("marie.durand@ac-normandie.fr", ["thomas.lefebvre@ac-normandie.fr"],
               b"From: marie.durand@ac-normandie.fr\r\nSubject: Seulement dans A\r\nMessage-ID: <a1@test>\r\n\r\nA\r\n")
    s.quit()
    a.wait_for_message("tlefebvre", a.account("tlefebvre")["password"], '(SUBJECT "Seulement dans A")')
    m = b.imap("tlefebvre", b.account("tlefebvre")["password"])
    m.select("INBOX")
    self.assertEqual(m.search(None, '(SUBJECT "Seulement dans A")')[1], [b""])
    m.logout()

    # Activation in A does not activate B; codes differ per instance.
    self.assertNotEqual(a.account("cmoreau")["code"], b.account("cmoreau")["code"])
    acc = a.account("cmoreau")
    status, body, _ = a.portal("POST", "activation", {"identifier": "cmoreau", "code": acc["code"],
                                                      "birth_date": acc["birth_date"],
                                                      "password": "Une phrase de passe 2025"})
    self.assertEqual(status, 200, body)
    self.assertTrue(a.imap_login_works("cmoreau", "Une phrase de passe 2025"))
    self.assertFalse(b.imap_login_works("cmoreau", "Une phrase de passe 2025"))
    # B's portal still has cmoreau waiting.
    status, body, _ = b.portal("POST", "activation", {"identifier": "cmoreau", "code": acc["code"],
                                                      "birth_date": acc["birth_date"],
                                                      "password": "Une phrase de passe 2025"})
    self.assertEqual(body["error"]["code"], "invalid_code")

    # Each instance has its own CA: A's CA does not vouch for B.
    with self.assertRaises(ssl.SSLError):
      b.ctx = a.ctx
      b.imap("mdurand", b.account("mdurand")["password"])

  def test_stop_leaves_nothing(self):
    a, b = self.start_many(2)
    ports_a = range(int(a.env["ACADEMY_PORT_BASE"]), int(a.env["ACADEMY_PORT_BASE"]) + 8)
    self.assertTrue(academy.stack_processes(a.dir))
    pids = [int(open(os.path.join(a.dir, "run", n + ".pid")).read())
            for n in ("dovecot", "postfix", "radicale", "slapd", "portal")]
    # Exercise the daemons so they have children (imap, smtpd, auth...).
    a.imap_login_works("mdurand", a.account("mdurand")["password"])
    a.smtp("mdurand", a.account("mdurand")["password"]).quit()

    proc = a.stop(keep_dir=True)
    self.assertEqual(proc.returncode, 0, proc.stderr)
    self.assertEqual(academy.stack_processes(a.dir), [])
    sessions = subprocess.run(["ps", "-e", "-o", "sid=,stat="], stdout=subprocess.PIPE, text=True).stdout.split("\n")
    live = {int(line.split()[0]) for line in sessions if line.strip() and not line.split()[1].startswith("Z")}
    self.assertTrue(live.isdisjoint(pids), "a process of a stopped session remains")
    self.assertTrue(academy.listening_ports().isdisjoint(ports_a))
    self.assertNotEqual(subprocess.run([academy.stack_script(), "status", "--dir", a.dir],
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE).returncode, 0)
    # B is untouched.
    self.assertEqual(b.status(), 0)
    self.assertTrue(b.imap_login_works("mdurand", b.account("mdurand")["password"]))
    subprocess.run(["rm", "-rf", a.dir])

  def test_explicit_port_base_and_restart(self):
    a = academy.Academy()
    a.start()
    self.addCleanup(a.stop)
    base = int(a.env["ACADEMY_PORT_BASE"])
    # A second start on a busy port base is refused.
    busy = academy.Academy(port_base=base)
    with self.assertRaises(RuntimeError):
      busy.start()
    a.stop()
    # The same base can be used again right after a stop.
    again = academy.Academy(port_base=base)
    again.start()
    self.addCleanup(again.stop)
    self.assertEqual(int(again.env["ACADEMY_PORT_BASE"]), base)
    self.assertEqual(again.status(), 0)
    with open(again.env["ACADEMY_PROFILE"], encoding="utf-8") as f:
      profile = f.read()
    self.assertIn("<port>%d</port>" % base, profile)
    self.assertIn('url="https://127.0.0.1:%d/api/v1/"' % (base + 6), profile)


if __name__ == "__main__":
  academy.stack_script()
  unittest.main(verbosity=2)
