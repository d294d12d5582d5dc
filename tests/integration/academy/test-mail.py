#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Mail in the academy in a box: submission (STARTTLS + AUTH) to IMAPS,
# byte for byte, with an image and an audio attachment; what submission
# refuses; IMAP STARTTLS; ManageSieve with the vacation extension.

import base64
import imaplib
import os
import re
import smtplib
import socket
import ssl
import struct
import time
import unittest
import zlib

import academy

A = academy.Shared()
setUpModule = A.set_up
tearDownModule = A.tear_down


def png_bytes():
  def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
  raw = b"".join(b"\0" + bytes((x * 8, 100, 200 - x * 8)) * 1 * 1 for x in range(16))
  rows = b"".join(b"\0" + b"".join(bytes((x * 16, y * 16, 128)) for x in range(16)) for y in range(16))
  del raw
  return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0)) +
          chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def wav_bytes():
  frames = b"".join(struct.pack("<h", (i * 977) % 20000 - 10000) for i in range(4000))
  return (b"RIFF" + struct.pack("<I", 36 + len(frames)) + b"WAVEfmt " +
          struct.pack("<IHHIIHH", 16, 1, 1, 8000, 16000, 2, 16) + b"data" + struct.pack("<I", len(frames)) + frames)


def b64(data):
  text = base64.b64encode(data).decode()
  return "\r\n".join(text[i:i + 76] for i in range(0, len(text), 76))


class Submission(unittest.TestCase):
  def test_image_and_audio_arrive_byte_identical(self):
    png, wav = png_bytes(), wav_bytes()
    msgid = "<pj-%d@test.ac-normandie.fr>" % time.time_ns()
    message = ("From: Marie Durand <marie.durand@ac-normandie.fr>\r\n"
               "To: Thomas Lefebvre <thomas.lefebvre@ac-normandie.fr>\r\n"
               "Subject: =?UTF-8?B?%s?=\r\n"
               "Date: Mon, 02 Sep 2024 08:30:00 +0200\r\n"
               "Message-ID: %s\r\n"
               "MIME-Version: 1.0\r\n"
               "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
               "--b1\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
               "Voici la photo de la sortie et mon message vocal. À demain !\r\n"
               "--b1\r\nContent-Type: image/png; name=\"sortie.png\"\r\nContent-Transfer-Encoding: base64\r\n"
               "Content-Disposition: attachment; filename=\"sortie.png\"\r\n\r\n%s\r\n"
               "--b1\r\nContent-Type: audio/wav; name=\"vocal.wav\"\r\nContent-Transfer-Encoding: base64\r\n"
               "Content-Disposition: attachment; filename=\"vocal.wav\"\r\n\r\n%s\r\n"
               "--b1--\r\n") % (base64.b64encode("Sortie à Étretat".encode()).decode(), msgid, b64(png), b64(wav))
    raw = message.encode("utf-8")

    s = A.smtp("mdurand", A.account("mdurand")["password"])
    self.assertEqual(s.sendmail("marie.durand@ac-normandie.fr", ["thomas.lefebvre@ac-normandie.fr"], raw), {})
    s.quit()

    got = A.wait_for_message("tlefebvre", A.account("tlefebvre")["password"], '(HEADER Message-ID "%s")' % msgid)
    # The server only prepends trace headers (Return-Path, Delivered-To, Received).
    self.assertTrue(got.endswith(raw), "the delivered message differs from the one sent")
    prefix = got[:len(got) - len(raw)].decode()
    for line in prefix.split("\r\n"):
      self.assertTrue(line == "" or line[0] in " \t" or
                      line.split(":")[0] in ("Return-Path", "Delivered-To", "Received"), line)
    msg = academy.message_from_bytes(got)
    parts = {p.get_filename(): p.get_payload(decode=True) for p in msg.walk() if p.get_filename()}
    self.assertEqual(parts["sortie.png"], png)
    self.assertEqual(parts["vocal.wav"], wav)

  def test_login_by_address(self):
    s = A.smtp("marie.durand@ac-normandie.fr", A.account("mdurand")["password"])
    s.quit()

  def test_auth_before_starttls_refused(self):
    s = smtplib.SMTP("127.0.0.1", A.port("SUBMISSION"), timeout=30)
    s.ehlo("client.example")
    self.assertTrue(s.has_extn("starttls"))
    self.assertFalse(s.has_extn("auth"), "AUTH must not be offered before STARTTLS")
    token = base64.b64encode(b"\0mdurand\0" + A.account("mdurand")["password"].encode()).decode()
    code, text = s.docmd("AUTH", "PLAIN " + token)
    self.assertGreaterEqual(code, 500, text)
    code, text = s.docmd("MAIL", "FROM:<marie.durand@ac-normandie.fr>")
    self.assertGreaterEqual(code, 500, text)
    s.quit()

  def test_wrong_password_refused(self):
    with self.assertRaises(smtplib.SMTPAuthenticationError):
      A.smtp("mdurand", "pas le bon")

  def test_unauthenticated_refused(self):
    s = A.smtp()
    with self.assertRaises(smtplib.SMTPRecipientsRefused) as cm:
      s.sendmail("marie.durand@ac-normandie.fr", ["thomas.lefebvre@ac-normandie.fr"], b"Subject: x\r\n\r\nx\r\n")
    code, _ = cm.exception.recipients["thomas.lefebvre@ac-normandie.fr"]
    self.assertGreaterEqual(code, 500)
    s.quit()

  def test_forged_sender_refused(self):
    s = A.smtp("mdurand", A.account("mdurand")["password"])
    with self.assertRaises(smtplib.SMTPRecipientsRefused) as cm:
      s.sendmail("thomas.lefebvre@ac-normandie.fr", ["camille.moreau@ac-normandie.fr"], b"Subject: x\r\n\r\nx\r\n")
    code, text = cm.exception.recipients["camille.moreau@ac-normandie.fr"]
    self.assertEqual(code, 553, text)
    self.assertIn(b"not owned by user", text)
    s.quit()

  def test_other_domains_and_unknown_people_refused(self):
    s = A.smtp("mdurand", A.account("mdurand")["password"])
    with self.assertRaises(smtplib.SMTPRecipientsRefused) as cm:
      s.sendmail("marie.durand@ac-normandie.fr", ["quelquun@example.org"], b"Subject: x\r\n\r\nx\r\n")
    self.assertGreaterEqual(cm.exception.recipients["quelquun@example.org"][0], 500)
    with self.assertRaises(smtplib.SMTPRecipientsRefused) as cm:
      s.sendmail("marie.durand@ac-normandie.fr", ["personne.inconnue@ac-normandie.fr"], b"Subject: x\r\n\r\nx\r\n")
    self.assertGreaterEqual(cm.exception.recipients["personne.inconnue@ac-normandie.fr"][0], 500)
    s.quit()

  def test_size_limit_announced(self):
    s = A.smtp()
    self.assertEqual(int(s.esmtp_features["size"]), 26214400)
    s.quit()


class Imap(unittest.TestCase):
  def test_starttls_port(self):
    # (Dovecot counts loopback connections as secure, so it does not announce
    # LOGINDISABLED here as it would to a remote client.)
    m = imaplib.IMAP4("127.0.0.1", A.port("IMAP"))
    self.assertIn("STARTTLS", m.capabilities)
    m.starttls(ssl_context=A.ctx)
    m.login("mdurand", A.account("mdurand")["password"])
    m.logout()

  def test_special_use_folders_and_quota(self):
    m = A.imap("tlefebvre", A.account("tlefebvre")["password"])
    typ, lines = m.list()
    text = b"\n".join(lines).decode()
    for use, name in (("Drafts", "Drafts"), ("Sent", "Sent"), ("Trash", "Trash"), ("Junk", "Junk"),
                      ("Archive", "Archive")):
      self.assertRegex(text, r"\\%s\) \"/\" %s" % (use, name))
    typ, data = m.getquotaroot("INBOX")
    self.assertEqual(typ, "OK")
    self.assertIn(b"STORAGE", b" ".join(x for x in data[1] if x))
    m.logout()

  def test_certificate_names(self):
    ctx = ssl.create_default_context(cafile=A.env["ACADEMY_CA"])
    with socket.create_connection(("127.0.0.1", A.port("IMAPS"))) as sock:
      with ctx.wrap_socket(sock, server_hostname="localhost") as tls:
        names = [v for k, v in tls.getpeercert()["subjectAltName"]]
    self.assertIn("localhost", names)
    self.assertIn("127.0.0.1", names)


class ManageSieve(unittest.TestCase):
  def read_response(self, f):
    lines = []
    while True:
      line = f.readline().decode().rstrip("\r\n")
      lines.append(line)
      if re.match(r"^(OK|NO|BYE)\b", line):
        return lines

  def test_vacation_script(self):
    sock = socket.create_connection(("127.0.0.1", A.port("SIEVE")), timeout=30)
    f = sock.makefile("rb")
    greeting = self.read_response(f)
    caps = "\n".join(greeting)
    self.assertIn("vacation", caps)
    self.assertIn('"STARTTLS"', caps)
    sock.sendall(b"STARTTLS\r\n")
    self.assertTrue(self.read_response(f)[-1].startswith("OK"))
    tls = A.ctx.wrap_socket(sock, server_hostname="127.0.0.1")
    f = tls.makefile("rb")
    self.read_response(f)  # capabilities again after TLS
    token = base64.b64encode(b"\0mdurand\0" + A.account("mdurand")["password"].encode()).decode()
    tls.sendall(('AUTHENTICATE "PLAIN" "%s"\r\n' % token).encode())
    self.assertTrue(self.read_response(f)[-1].startswith("OK"))
    script = ('require ["vacation"];\r\nvacation :days 1 :subject "Absente" '
              '"Je suis absente jusqu\'au 4 septembre.";\r\n').encode()
    tls.sendall(b'PUTSCRIPT "absence" {%d+}\r\n' % len(script) + script + b"\r\n")
    self.assertTrue(self.read_response(f)[-1].startswith("OK"))
    tls.sendall(b'SETACTIVE "absence"\r\n')
    self.assertTrue(self.read_response(f)[-1].startswith("OK"))
    tls.sendall(b"LOGOUT\r\n")
    tls.close()

    # The vacation answer comes back to the sender through LMTP and Sieve.
    s = A.smtp("tlefebvre", A.account("tlefebvre")["password"])
    s.sendmail("thomas.lefebvre@ac-normandie.fr", ["marie.durand@ac-normandie.fr"],
               b"From: thomas.lefebvre@ac-normandie.fr\r\nTo: marie.durand@ac-normandie.fr\r\n"
               b"Subject: Question\r\nMessage-ID: <q1@test>\r\n\r\nEs-tu la ?\r\n")
    s.quit()
    got = A.wait_for_message("tlefebvre", A.account("tlefebvre")["password"], '(SUBJECT "Absente")')
    self.assertIn(b"Je suis absente", got)


if __name__ == "__main__":
  academy.stack_script()
  unittest.main(verbosity=2)
