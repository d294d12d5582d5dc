# SPDX-License-Identifier: GPL-3.0-or-later
#
# Shared helpers of the academy integration tests: start and stop an instance
# of the academy in a box in a temporary folder (automatic port base), and talk
# to it with real clients (imaplib, smtplib, http.client, ldapsearch).
#
# Every test program is run as: PROGRAM path/to/academy-stack, with
# ACADEMY_PORTAL naming the portal binary.

import atexit
import base64
import email
import http.client
import imaplib
import json
import os
import shutil
import signal
import smtplib
import ssl
import subprocess
import sys
import tempfile
import time

STACK = None
_running = []


def stack_script():
  global STACK
  if STACK is None:
    for arg in sys.argv[1:]:
      if arg.endswith("academy-stack"):
        STACK = os.path.abspath(arg)
    if STACK is None:
      STACK = os.environ.get("ACADEMY_STACK") or os.path.join(
        os.path.dirname(__file__), "..", "..", "academy", "academy-stack")
    sys.argv[1:] = [a for a in sys.argv[1:] if not a.endswith("academy-stack")]
  return STACK


def _stop_all():
  for academy in list(_running):
    academy.stop()


def _on_signal(signum, frame):
  _stop_all()
  sys.exit(128 + signum)


atexit.register(_stop_all)
signal.signal(signal.SIGTERM, _on_signal)
signal.signal(signal.SIGINT, _on_signal)


class Shared:
  """One instance for a whole test module:

    A = academy.Shared()
    setUpModule = A.set_up
    tearDownModule = A.tear_down

  A then stands for the running Academy."""

  def __init__(self, extra_env=None):
    self._extra_env = extra_env
    self._instance = None

  def set_up(self):
    self._instance = Academy(self._extra_env).start()

  def tear_down(self):
    self._instance.stop()

  def __getattr__(self, name):
    return getattr(self._instance, name)


class Academy:
  """One running instance. Use as a context manager, or start()/stop()."""

  def __init__(self, extra_env=None, port_base=None):
    self.extra_env = extra_env or {}
    self.port_base = port_base
    self.dir = None
    self.env = {}
    self.start_seconds = None

  # -------------------------------------------------------------- life

  def start(self):
    self.dir = tempfile.mkdtemp(prefix="academy-")
    env = dict(os.environ)
    env.update(self.extra_env)
    args = [stack_script(), "start", "--dir", self.dir]
    if self.port_base:
      args += ["--port-base", str(self.port_base)]
    t0 = time.monotonic()
    proc = subprocess.run(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    self.start_seconds = time.monotonic() - t0
    if proc.returncode != 0:
      shutil.rmtree(self.dir, ignore_errors=True)
      raise RuntimeError("academy-stack start failed:\n" + proc.stderr)
    _running.append(self)
    with open(os.path.join(self.dir, "env"), encoding="utf-8") as f:
      for line in f:
        line = line.strip()
        if line.startswith("ACADEMY_") and "=" in line:
          key, value = line.split("=", 1)
          self.env[key] = value.strip("'")
    with open(os.path.join(self.dir, "accounts.json"), encoding="utf-8") as f:
      self.accounts = {a["identifier"]: a for a in json.load(f)["accounts"]}
    self.ctx = ssl.create_default_context(cafile=self.env["ACADEMY_CA"])
    return self

  def stop(self, keep_dir=False):
    if self not in _running:
      return None
    _running.remove(self)
    proc = subprocess.run([stack_script(), "stop", "--dir", self.dir], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)
    if not keep_dir and os.environ.get("ACADEMY_KEEP_DIR") != "1":
      shutil.rmtree(self.dir, ignore_errors=True)
    return proc

  def status(self):
    return subprocess.run([stack_script(), "status", "--dir", self.dir], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True).returncode

  def __enter__(self):
    return self.start()

  def __exit__(self, *exc):
    self.stop()

  def port(self, name):
    return int(self.env["ACADEMY_%s_PORT" % name])

  def account(self, identifier):
    return self.accounts[identifier]

  # -------------------------------------------------------------- clients

  def imap(self, user, password):
    m = imaplib.IMAP4_SSL("127.0.0.1", self.port("IMAPS"), ssl_context=self.ctx)
    try:
      m.login(user, password)
    except BaseException:
      m.shutdown()
      raise
    return m

  def imap_login_works(self, user, password):
    try:
      m = self.imap(user, password)
    except imaplib.IMAP4.error:
      return False
    m.logout()
    return True

  def smtp(self, user=None, password=None):
    s = smtplib.SMTP("127.0.0.1", self.port("SUBMISSION"), timeout=30)
    try:
      s.ehlo("client.example")
      s.starttls(context=self.ctx)
      s.ehlo("client.example")
      if user:
        s.login(user, password)
    except BaseException:
      s.close()
      raise
    return s

  def wait_for_message(self, user, password, criterion, folder="INBOX", timeout=15):
    """Fetches the first message matching an IMAP SEARCH criterion, as bytes."""
    deadline = time.monotonic() + timeout
    while True:
      m = self.imap(user, password)
      try:
        m.select(folder)
        typ, data = m.search(None, criterion)
        ids = data[0].split()
        if ids:
          typ, data = m.fetch(ids[-1], "(BODY.PEEK[])")
          return data[0][1]
      finally:
        m.logout()
      if time.monotonic() > deadline:
        raise AssertionError("no message matching %s in %s of %s" % (criterion, folder, user))
      time.sleep(0.1)

  def http(self, port_name):
    return http.client.HTTPSConnection("127.0.0.1", self.port(port_name), context=self.ctx, timeout=30)

  def dav(self, method, path, user=None, password=None, body=None, headers=None):
    conn = self.http("DAV")
    h = dict(headers or {})
    if user:
      h["Authorization"] = "Basic " + base64.b64encode(("%s:%s" % (user, password)).encode()).decode()
    conn.request(method, path, body=body, headers=h)
    r = conn.getresponse()
    data = r.read()
    conn.close()
    return r.status, data, r

  def portal(self, method, path, body=None, auth=None, raw=None, headers=None, chunked=False):
    """Returns (status, parsed JSON, response). @body is JSON-encoded; @raw is sent as is."""
    conn = self.http("PORTAL")
    h = dict(headers or {})
    if auth:
      h["Authorization"] = "Basic " + base64.b64encode(("%s:%s" % auth).encode()).decode()
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    if data is not None:
      h.setdefault("Content-Type", "application/json")
    if chunked:
      h["Transfer-Encoding"] = "chunked"
      conn.request(method, "/api/v1/" + path, body=iter([data[i:i + 4096] for i in range(0, len(data), 4096)]),
                   headers=h, encode_chunked=True)
    else:
      conn.request(method, "/api/v1/" + path, body=data, headers=h)
    r = conn.getresponse()
    payload = r.read()
    conn.close()
    try:
      parsed = json.loads(payload)
    except ValueError:
      parsed = None
    return r.status, parsed, r

  def ldapsearch(self, filt, attrs=(), base=None, extra=()):
    """ldapsearch over StartTLS; returns a list of {attribute: [values]}."""
    env = dict(os.environ, LDAPTLS_CACERT=self.env["ACADEMY_CA"], LDAPTLS_REQCERT="demand")
    args = ["ldapsearch", "-LLL", "-x", "-ZZ", "-H", "ldap://127.0.0.1:%d/" % self.port("LDAP"),
            "-b", base or self.env["ACADEMY_LDAP_BASE"], "-z", "max"] + list(extra) + [filt] + list(attrs)
    proc = subprocess.run(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if proc.returncode not in (0, 4):  # 4: size limit exceeded, partial results
      raise RuntimeError("ldapsearch failed (%d): %s" % (proc.returncode, proc.stderr.decode()))
    return parse_ldif(proc.stdout.decode())

  def ldap_bind_works(self, identifier, password):
    env = dict(os.environ, LDAPTLS_CACERT=self.env["ACADEMY_CA"])
    dn = "uid=%s,%s" % (identifier, self.env["ACADEMY_LDAP_BASE"])
    proc = subprocess.run(["ldapwhoami", "-x", "-ZZ", "-H", "ldap://127.0.0.1:%d/" % self.port("LDAP"),
                           "-D", dn, "-w", password], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return proc.returncode == 0


def parse_ldif(text):
  entries, current, last = [], None, None
  for line in text.split("\n"):
    if line.startswith(" ") and current is not None and last is not None:
      current[last][-1] += line[1:]
      continue
    if not line.strip():
      if current:
        entries.append(current)
      current, last = None, None
      continue
    if current is None:
      current = {}
    key, _, value = line.partition(":")
    current.setdefault(key, []).append(value)
    last = key
  if current:
    entries.append(current)
  out = []
  for entry in entries:
    decoded = {}
    for key, values in entry.items():
      for v in values:
        if v.startswith(":"):
          v = base64.b64decode(v[1:].strip()).decode()
        else:
          v = v.strip()
        decoded.setdefault(key, []).append(v)
    out.append(decoded)
  return out


def message_from_bytes(data):
  return email.message_from_bytes(data)


def stack_processes(directory):
  """PIDs of live processes whose command line mentions @directory."""
  found = []
  for pid in os.listdir("/proc"):
    if not pid.isdigit():
      continue
    try:
      with open("/proc/%s/cmdline" % pid, "rb") as f:
        cmdline = f.read().replace(b"\0", b" ").decode(errors="replace")
      with open("/proc/%s/stat" % pid) as f:
        state = f.read().rsplit(")", 1)[1].split()[0]
    except OSError:
      continue
    if directory in cmdline and state not in ("Z", "X"):
      found.append((int(pid), cmdline))
  return found


def listening_ports():
  out = subprocess.run(["ss", "-Hltn"], stdout=subprocess.PIPE, text=True).stdout
  return {int(line.split()[3].rsplit(":", 1)[1]) for line in out.splitlines() if line.strip()}
