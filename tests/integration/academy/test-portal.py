#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The reference portal against docs/portal-api.md: every endpoint, every
# documented error, and the effect of activation and password changes on the
# real servers (IMAP, SMTP, CalDAV/CardDAV, LDAP).

import email.header
import json
import os
import re
import time
import unittest

import academy

LOCK_SECONDS = 3
A = academy.Shared({"ACADEMY_LOCK_SECONDS": str(LOCK_SECONDS), "ACADEMY_RATE_LIMIT": "10000/60"})
setUpModule = A.set_up
tearDownModule = A.tear_down


NEW_PASSWORD = "Une phrase de passe 2025"


class PortalTestCase(unittest.TestCase):
  maxDiff = None

  def assertError(self, result, status, code, **fields):
    got_status, body, response = result
    self.assertEqual(got_status, status, body)
    self.assertIsInstance(body, dict, "error bodies are JSON objects")
    self.assertIn("error", body)
    err = body["error"]
    self.assertEqual(err["code"], code, err)
    self.assertIsInstance(err["message"], str)
    self.assertTrue(err["message"])
    self.assertTrue(response.getheader("Content-Type").startswith("application/json"))
    for key, value in fields.items():
      if value is None:
        self.assertNotIn(key, err)
      elif value is ...:
        self.assertIn(key, err)
      else:
        self.assertEqual(err.get(key), value, err)
    return err


class CommonErrors(PortalTestCase):
  def test_index(self):
    status, body, _ = A.portal("GET", "")
    self.assertEqual(status, 200)
    self.assertEqual(body["api"], "academy-portal")
    self.assertEqual(body["version"], 1)
    self.assertEqual(body["academy"]["domain"], "ac-normandie.fr")

  def test_not_found(self):
    self.assertError(A.portal("GET", "nowhere"), 404, "not_found")
    self.assertError(A.portal("POST", "activation/nowhere", {}), 404, "not_found")

  def test_method_not_allowed(self):
    status, body, r = A.portal("GET", "activation")
    self.assertError((status, body, r), 405, "method_not_allowed")
    self.assertEqual(r.getheader("Allow"), "POST")
    self.assertError(A.portal("DELETE", "terms"), 405, "method_not_allowed")

  def test_malformed_json(self):
    self.assertError(A.portal("POST", "activation", raw=b"{\"identifier\": "), 400, "malformed_json")
    self.assertError(A.portal("POST", "activation", raw=b"[1, 2, 3]"), 400, "malformed_json")
    self.assertError(A.portal("POST", "recovery", raw=b""), 400, "malformed_json")
    self.assertError(A.portal("POST", "public/contact", raw=b"\xff\xfe{}"), 400, "malformed_json")

  def test_invalid_request(self):
    err = self.assertError(A.portal("POST", "activation", {}), 400, "invalid_request")
    self.assertEqual(sorted(err["fields"]), ["birth_date", "code", "identifier", "password"])
    err = self.assertError(A.portal("POST", "activation", {"identifier": "cmoreau", "code": "X",
                                                           "birth_date": "14/03/1985", "password": "x"}),
                           400, "invalid_request")
    self.assertEqual(err["fields"], ["birth_date"])
    err = self.assertError(A.portal("POST", "activation", {"identifier": 12, "code": "X",
                                                           "birth_date": "2001-02-30", "password": "x"}),
                           400, "invalid_request")
    self.assertEqual(sorted(err["fields"]), ["birth_date", "identifier"])

  def test_body_too_large(self):
    big = json.dumps({"identifier": "cmoreau", "padding": "x" * 20000}).encode()
    self.assertError(A.portal("POST", "activation", raw=big), 413, "body_too_large")
    self.assertError(A.portal("POST", "public/contact", raw=big, chunked=True), 413, "body_too_large")
    # Just under the limit is read and judged on its content.
    fits = json.dumps({"padding": "x" * 16000}).encode()
    self.assertError(A.portal("POST", "activation", raw=fits), 400, "invalid_request")

  def test_terms_and_policy(self):
    status, terms, _ = A.portal("GET", "terms")
    self.assertEqual(status, 200)
    self.assertEqual(terms["version"], "2024-09")
    self.assertIn("\n\n", terms["text"])
    status, policy, _ = A.portal("GET", "password-policy")
    self.assertEqual(status, 200)
    self.assertEqual(policy["min_length"], 12)
    self.assertEqual(policy["min_classes"], 3)
    self.assertEqual([r["rule"] for r in policy["rules"]],
                     ["min_length", "max_length", "character_classes", "not_identifier", "differs_from_current"])


class Activation(PortalTestCase):
  def request(self, ident, code=None, birth=None, password=NEW_PASSWORD):
    acc = A.account(ident)
    return A.portal("POST", "activation", {"identifier": ident, "code": code or acc["code"],
                                           "birth_date": birth or acc["birth_date"], "password": password})

  def test_unknown_account(self):
    self.assertError(A.portal("POST", "activation", {"identifier": "personne", "code": "AAAA-BBBB",
                                                     "birth_date": "1980-01-01", "password": NEW_PASSWORD}),
                     404, "unknown_account", attempts_left=None)

  def test_activation_then_everything_works(self):
    acc = A.account("cmoreau")
    self.assertFalse(A.imap_login_works("cmoreau", NEW_PASSWORD))
    err = self.assertError(self.request("cmoreau", password="court"), 422, "password_policy")
    self.assertEqual({v["rule"] for v in err["violations"]}, {"min_length", "character_classes"})
    for v in err["violations"]:
      self.assertTrue(v["message"])
    err = self.assertError(self.request("cmoreau", password="CMoreau-Ete-2024"), 422, "password_policy")
    self.assertEqual([v["rule"] for v in err["violations"]], ["not_identifier"])
    err = self.assertError(self.request("cmoreau", password="x" * 129 + "A1"), 422, "password_policy")
    self.assertIn("max_length", [v["rule"] for v in err["violations"]])

    # Code given in lower case without the dash: same code.
    code = acc["code"].replace("-", "").lower()
    status, body, _ = self.request("cmoreau", code=code)
    self.assertEqual(status, 200, body)
    self.assertEqual(body["identifier"], "cmoreau")
    self.assertEqual(body["email"], "camille.moreau@ac-normandie.fr")
    self.assertEqual(body["state"], "active")
    self.assertFalse(body["must_change_password"])

    # The new password works everywhere at once.
    self.assertTrue(A.imap_login_works("cmoreau", NEW_PASSWORD))
    self.assertTrue(A.imap_login_works("camille.moreau@ac-normandie.fr", NEW_PASSWORD))
    s = A.smtp("cmoreau", NEW_PASSWORD)
    s.quit()
    status, _, _ = A.dav("PROPFIND", "/cmoreau/", "cmoreau", NEW_PASSWORD, headers={"Depth": "1"})
    self.assertEqual(status, 207)
    self.assertTrue(A.ldap_bind_works("cmoreau", NEW_PASSWORD))
    self.assertFalse(A.ldap_bind_works("cmoreau", "Autre mot de passe 1"))
    status, me, _ = A.portal("GET", "account", auth=("cmoreau", NEW_PASSWORD))
    self.assertEqual(status, 200)
    self.assertEqual(me["state"], "active")

    # Single use.
    self.assertError(self.request("cmoreau"), 409, "code_already_used")

  def test_wrong_code_birth_date_and_lock(self):
    acc = A.account("lgirard")
    err = self.assertError(self.request("lgirard", birth="1950-01-01"), 403, "identity_mismatch",
                           attempts_left=4)
    self.assertError(self.request("lgirard", code="AAAA-AAAA"), 403, "invalid_code", attempts_left=3)
    self.assertError(self.request("lgirard", code="AAAA-AAAB"), 403, "invalid_code", attempts_left=2)
    self.assertError(self.request("lgirard", code="AAAA-AAAC"), 403, "invalid_code", attempts_left=1)
    status, body, r = self.request("lgirard", code="AAAA-AAAD")
    err = self.assertError((status, body, r), 423, "account_locked")
    self.assertGreater(err["retry_after"], 0)
    self.assertLessEqual(err["retry_after"], LOCK_SECONDS)
    self.assertEqual(r.getheader("Retry-After"), str(err["retry_after"]))
    # Locked even with the right secrets.
    self.assertError(self.request("lgirard"), 423, "account_locked")
    time.sleep(LOCK_SECONDS + 1)
    # The lock ran out and the counter starts again.
    self.assertError(self.request("lgirard", code="AAAA-AAAE"), 403, "invalid_code", attempts_left=4)
    status, body, _ = self.request("lgirard")
    self.assertEqual(status, 200, body)
    self.assertTrue(A.imap_login_works("lgirard", NEW_PASSWORD))

  def test_expired_code(self):
    self.assertError(self.request("rdupont", code="ZZZZ-ZZZZ"), 403, "invalid_code", attempts_left=4)
    self.assertError(self.request("rdupont"), 410, "code_expired")
    self.assertFalse(A.imap_login_works("rdupont", NEW_PASSWORD))

  def test_account_without_code(self):
    # An account that never had a code (a service mailbox here).
    self.assertError(A.portal("POST", "activation", {"identifier": "communication", "code": "ABCD-EFGH",
                                                     "birth_date": "1980-01-01", "password": NEW_PASSWORD}),
                     403, "invalid_code", attempts_left=...)


class OtherAcademy(PortalTestCase):
  def request(self, ident, birth=None, accepted=True, version="2024-09", password=NEW_PASSWORD, numen=None):
    acc = A.account(ident)
    return A.portal("POST", "activation/other-academy", {
      "numen": numen or acc["numen"], "birth_date": birth or acc["birth_date"], "terms_accepted": accepted,
      "terms_version": version, "password": password})

  def test_flow(self):
    acc = A.account("elambert")
    self.assertError(self.request("elambert", numen="99Z9999999ZZZ"), 404, "unknown_account")
    # A NUMEN of someone of this academy is not an other-academy account.
    self.assertError(self.request("elambert", numen=A.account("cmoreau")["numen"]), 404, "unknown_account")
    self.assertError(self.request("elambert", birth="1950-01-01"), 403, "identity_mismatch", attempts_left=4)
    self.assertError(self.request("elambert", accepted=False), 422, "terms_not_accepted")
    self.assertError(self.request("elambert", version="2019-01"), 422, "terms_not_accepted")
    err = self.assertError(self.request("elambert", accepted="oui"), 400, "invalid_request")
    self.assertEqual(err["fields"], ["terms_accepted"])
    err = self.assertError(self.request("elambert", password="elambert2024!ABC"), 422, "password_policy")
    self.assertEqual([v["rule"] for v in err["violations"]], ["not_identifier"])
    # NUMEN compared without case or spaces.
    status, body, _ = self.request("elambert", numen=" " + acc["numen"].lower())
    self.assertEqual(status, 200, body)
    self.assertEqual(body["identifier"], "elambert")
    self.assertEqual(body["state"], "active")
    self.assertTrue(A.imap_login_works("elambert", NEW_PASSWORD))
    self.assertError(self.request("elambert"), 409, "already_active")

  def test_lock(self):
    for left in (4, 3, 2, 1):
      self.assertError(self.request("pgarnier", birth="1950-01-0%d" % left), 403, "identity_mismatch",
                       attempts_left=left)
    self.assertError(self.request("pgarnier", birth="1950-01-09"), 423, "account_locked", retry_after=...)
    self.assertError(self.request("pgarnier"), 423, "account_locked")


class AccountAndPassword(PortalTestCase):
  def test_status_and_authentication(self):
    status, body, r = A.portal("GET", "account")
    self.assertError((status, body, r), 401, "unauthorized", attempts_left=None)
    self.assertIn("Basic", r.getheader("WWW-Authenticate"))
    self.assertError(A.portal("GET", "account", headers={"Authorization": "Basic !!!"}), 401, "unauthorized")
    self.assertError(A.portal("GET", "account", auth=("personne", "x")), 401, "unauthorized", attempts_left=None)
    # An account awaiting activation has no password.
    self.assertError(A.portal("GET", "account", auth=("afournier", "x")), 401, "unauthorized")
    self.assertError(A.portal("GET", "account", auth=("tlefebvre", "faux")), 401, "unauthorized", attempts_left=4)
    status, me, _ = A.portal("GET", "account", auth=("tlefebvre", A.account("tlefebvre")["password"]))
    self.assertEqual(status, 200, me)
    self.assertEqual(me["identifier"], "tlefebvre")
    self.assertEqual(me["state"], "active")
    self.assertEqual(me["origin"], "academy")
    self.assertFalse(me["must_change_password"])
    self.assertFalse(me["recovery_pending"])
    self.assertRegex(me["password_changed_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
    self.assertEqual(me["school"]["uai"], "0760090K")
    # Success reset the counter.
    self.assertError(A.portal("GET", "account", auth=("tlefebvre", "faux")), 401, "unauthorized", attempts_left=4)
    A.portal("GET", "account", auth=("tlefebvre", A.account("tlefebvre")["password"]))

  def test_locked_account(self):
    pw = A.account("hmercier")["password"]
    self.assertError(A.portal("GET", "account", auth=("hmercier", pw)), 423, "account_locked", retry_after=...)
    self.assertError(A.portal("POST", "account/password", {"current_password": pw, "new_password": NEW_PASSWORD},
                              auth=("hmercier", pw)), 423, "account_locked")

  def test_temporary_password_change(self):
    temp = A.account("sroux")["password"]
    status, me, _ = A.portal("GET", "account", auth=("sroux", temp))
    self.assertEqual(status, 200)
    self.assertTrue(me["must_change_password"])
    self.assertError(A.portal("POST", "account/password", {"current_password": temp, "new_password": NEW_PASSWORD},
                              auth=("sroux", "faux")), 401, "unauthorized", attempts_left=4)
    self.assertError(A.portal("POST", "account/password", raw=b"{oops", auth=("sroux", temp)), 400, "malformed_json")
    err = self.assertError(A.portal("POST", "account/password", {"current_password": temp}, auth=("sroux", temp)),
                           400, "invalid_request")
    self.assertEqual(err["fields"], ["new_password"])
    self.assertError(A.portal("POST", "account/password", {"current_password": "faux", "new_password": NEW_PASSWORD},
                              auth=("sroux", temp)), 403, "invalid_current_password", attempts_left=4)
    err = self.assertError(A.portal("POST", "account/password", {"current_password": temp, "new_password": temp},
                                    auth=("sroux", temp)), 422, "password_policy")
    self.assertEqual([v["rule"] for v in err["violations"]], ["differs_from_current"])
    status, me, _ = A.portal("POST", "account/password", {"current_password": temp, "new_password": NEW_PASSWORD},
                             auth=("sroux", temp))
    self.assertEqual(status, 200, me)
    self.assertFalse(me["must_change_password"])
    self.assertFalse(A.imap_login_works("sroux", temp))
    self.assertTrue(A.imap_login_works("sroux", NEW_PASSWORD))
    status, _, _ = A.dav("PROPFIND", "/sroux/", "sroux", NEW_PASSWORD, headers={"Depth": "0"})
    self.assertEqual(status, 207)
    status, _, _ = A.dav("PROPFIND", "/sroux/", "sroux", temp, headers={"Depth": "0"})
    self.assertEqual(status, 401)
    self.assertTrue(A.ldap_bind_works("sroux", NEW_PASSWORD))
    self.assertFalse(A.ldap_bind_works("sroux", temp))


class Recovery(PortalTestCase):
  def request(self, ident, numen=None, birth=None):
    acc = A.account(ident)
    return A.portal("POST", "recovery", {"identifier": ident, "numen": numen or acc["numen"],
                                         "birth_date": birth or acc["birth_date"]})

  def secretariat_mail(self, school, ident):
    box = "ce." + school.lower()
    data = A.wait_for_message(box, A.account(box)["password"], '(HEADER X-Academy-Identifier "%s")' % ident)
    msg = academy.message_from_bytes(data)
    text = msg.get_payload(decode=True).decode("utf-8")
    return msg, re.search(r"Code d'activation : ([A-Z0-9]{4}-[A-Z0-9]{4})", text).group(1)

  def test_errors(self):
    self.assertError(self.request("afournier", numen="10P0000000AAA"), 403, "identity_mismatch", attempts_left=4)
    self.assertError(self.request("afournier", birth="1950-01-01"), 403, "identity_mismatch", attempts_left=3)
    self.assertError(A.portal("POST", "recovery", {"identifier": "personne", "numen": "10P0000000AAA",
                                                   "birth_date": "1980-01-01"}), 404, "unknown_account")
    self.assertError(self.request("hmercier"), 423, "account_locked", retry_after=...)
    err = self.assertError(A.portal("POST", "recovery", {"identifier": "afournier"}), 400, "invalid_request")
    self.assertEqual(sorted(err["fields"]), ["birth_date", "numen"])

  def test_internal_error_changes_nothing(self):
    # No secretariat mailbox to deliver to: the portal says so and keeps the old code.
    acc = A.account("afournier")
    maildir = os.path.join(A.dir, "mail", "ce.0271581x@ac-normandie.fr", "Maildir")
    os.rename(maildir, maildir + ".hidden")
    try:
      self.assertError(self.request("afournier"), 500, "internal_error")
    finally:
      os.rename(maildir + ".hidden", maildir)
    status, body, _ = A.portal("POST", "activation", {"identifier": "afournier", "code": acc["code"],
                                                      "birth_date": acc["birth_date"], "password": NEW_PASSWORD})
    self.assertEqual(status, 200, body)

  def test_new_code_for_pending_account(self):
    acc = A.account("nbonnet")
    status, body, _ = self.request("nbonnet")
    self.assertEqual(status, 202, body)
    self.assertEqual(body["delivery"], "school_secretariat")
    self.assertEqual(body["school"]["uai"], "0140013N")
    self.assertRegex(body["code_expires_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
    msg, code = self.secretariat_mail("0140013N", "nbonnet")
    self.assertEqual(msg["To"], "ce.0140013n@ac-normandie.fr")
    self.assertIn("nbonnet", str(email.header.make_header(email.header.decode_header(msg["Subject"]))))
    # The lost code is void; the new one works once.
    self.assertError(A.portal("POST", "activation", {"identifier": "nbonnet", "code": acc["code"],
                                                     "birth_date": acc["birth_date"], "password": NEW_PASSWORD}),
                     403, "invalid_code", attempts_left=4)
    status, body, _ = A.portal("POST", "activation", {"identifier": "nbonnet", "code": code,
                                                      "birth_date": acc["birth_date"], "password": NEW_PASSWORD})
    self.assertEqual(status, 200, body)
    self.assertTrue(A.imap_login_works("nbonnet", NEW_PASSWORD))

  def test_recovery_of_active_account(self):
    acc = A.account("mdurand")
    status, body, _ = self.request("mdurand")
    self.assertEqual(status, 202, body)
    status, me, _ = A.portal("GET", "account", auth=("mdurand", acc["password"]))
    self.assertEqual(status, 200)
    self.assertTrue(me["recovery_pending"])
    self.assertTrue(A.imap_login_works("mdurand", acc["password"]))
    _, code = self.secretariat_mail("0760090K", "mdurand")
    err = self.assertError(A.portal("POST", "activation", {"identifier": "mdurand", "code": code,
                                                           "birth_date": acc["birth_date"],
                                                           "password": acc["password"]}), 422, "password_policy")
    self.assertEqual([v["rule"] for v in err["violations"]], ["differs_from_current"])
    status, body, _ = A.portal("POST", "activation", {"identifier": "mdurand", "code": code,
                                                      "birth_date": acc["birth_date"], "password": NEW_PASSWORD})
    self.assertEqual(status, 200, body)
    self.assertFalse(A.imap_login_works("mdurand", acc["password"]))
    self.assertTrue(A.imap_login_works("mdurand", NEW_PASSWORD))
    status, me, _ = A.portal("GET", "account", auth=("mdurand", NEW_PASSWORD))
    self.assertFalse(me["recovery_pending"])


class PublicSpace(PortalTestCase):
  CONTACT = {"name": "Jeanne Martin", "email": "jeanne.martin@example.org", "service": "examens",
             "subject": "Relevé de notes du baccalauréat", "message": "Bonjour,\n\nJ'ai perdu mon relevé.\n\nMerci."}

  def test_services(self):
    status, body, _ = A.portal("GET", "public/services")
    self.assertEqual(status, 200)
    ids = [s["id"] for s in body["services"]]
    self.assertIn("examens", ids)
    self.assertGreaterEqual(len(ids), 3)
    for s in body["services"]:
      self.assertTrue(s["name"] and s["description"])
      self.assertNotIn("email", s)

  def test_contact(self):
    status, first, _ = A.portal("POST", "public/contact", self.CONTACT)
    self.assertEqual(status, 201, first)
    self.assertRegex(first["ticket"], r"^NOR-\d{8}-\d{5}$")
    self.assertEqual(first["service"], "examens")
    status, second, _ = A.portal("POST", "public/contact", dict(self.CONTACT, service="assistance"))
    self.assertEqual(status, 201)
    self.assertGreater(second["ticket"], first["ticket"])
    data = A.wait_for_message("examens", A.account("examens")["password"],
                              '(HEADER X-Academy-Ticket "%s")' % first["ticket"])
    msg = academy.message_from_bytes(data)
    self.assertEqual(msg["To"], "examens@ac-normandie.fr")
    self.assertIn("jeanne.martin@example.org", msg["Reply-To"])
    subject = str(email.header.make_header(email.header.decode_header(msg["Subject"])))
    self.assertEqual(subject, "[%s] Relevé de notes du baccalauréat" % first["ticket"])
    self.assertIn("J'ai perdu mon relevé.", msg.get_payload(decode=True).decode())

  def test_errors(self):
    self.assertError(A.portal("POST", "public/contact", dict(self.CONTACT, service="cuisine")), 422, "unknown_service")
    for field, value in (("email", "pas-une-adresse"), ("email", "a@b"), ("subject", "x" * 201),
                         ("subject", "Objet\r\nBcc: victime@example.org"), ("name", ""), ("message", "x" * 5001)):
      err = self.assertError(A.portal("POST", "public/contact", dict(self.CONTACT, **{field: value})),
                             400, "invalid_request")
      self.assertEqual(err["fields"], [field])
    body = dict(self.CONTACT)
    del body["message"]
    err = self.assertError(A.portal("POST", "public/contact", body), 400, "invalid_request")
    self.assertEqual(err["fields"], ["message"])


class ZzNoSecretsOnDisk(PortalTestCase):
  """Runs last (alphabetical order): the secrets used above are in no log."""

  def test_logs_and_state(self):
    secrets = [NEW_PASSWORD] + [a.get("password") for a in A.accounts.values() if a.get("password")] + \
              [a["code"] for a in A.accounts.values() if a.get("code")] + \
              [a["numen"] for a in A.accounts.values() if a.get("numen")]
    logdir = os.path.join(A.dir, "log")
    for name in os.listdir(logdir):
      with open(os.path.join(logdir, name), encoding="utf-8", errors="replace") as f:
        text = f.read()
      for secret in secrets:
        self.assertNotIn(secret, text, "%s leaks a secret" % name)
    with open(os.path.join(A.dir, "portal", "state.json"), encoding="utf-8") as f:
      state = f.read()
    for a in A.accounts.values():
      if a.get("code"):
        self.assertNotIn(a["code"], state)
        self.assertNotIn(a["code"].replace("-", ""), state)
    with open(os.path.join(logdir, "portal.log"), encoding="utf-8") as f:
      self.assertIn("POST /api/v1/activation 200", f.read())


class RateLimit(PortalTestCase):
  def test_rate_limited(self):
    with academy.Academy({"ACADEMY_RATE_LIMIT": "5/60"}) as b:
      for _ in range(5):
        status, _, _ = b.portal("GET", "terms")
        self.assertEqual(status, 200)
      status, body, r = b.portal("GET", "terms")
      err = self.assertError((status, body, r), 429, "rate_limited")
      self.assertGreater(err["retry_after"], 0)
      self.assertLessEqual(err["retry_after"], 60)
      self.assertEqual(r.getheader("Retry-After"), str(err["retry_after"]))
      self.assertError(b.portal("POST", "activation", {}), 429, "rate_limited")


if __name__ == "__main__":
  academy.stack_script()
  unittest.main(verbosity=2)
