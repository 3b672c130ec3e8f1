"""Signs in to ticket-service's console through Keycloak's login form (the OIDC authorization code flow with PKCE), as
a browser does: cookies, redirects, the provider's HTML form. Standard library only. Exits non-zero on the first
check that fails. Users and passwords: local-stack/keycloak/support-realm.json."""
import http.cookiejar
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

BASE = sys.argv[1]
INCIDENTS = sys.argv[2] if len(sys.argv) > 2 else None
ON_CALL = sys.argv[3] if len(sys.argv) > 3 else None
KEYCLOAK = "http://localhost:18480/"
checks = 0


class LoopbackIsSecure(http.cookiejar.DefaultCookiePolicy):
    """Keycloak marks its cookies Secure; a browser sends those to http://localhost (a secure context)."""

    def return_ok_secure(self, cookie, request):
        return urllib.parse.urlsplit(request.get_full_url()).hostname in ("localhost", "127.0.0.1") or super().return_ok_secure(cookie, request)


class Browser:
    def __init__(self):
        self.jar = http.cookiejar.CookieJar(LoopbackIsSecure())
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def open(self, url, form=None):
        """Follows redirects; returns (final url, status, body) whatever the status."""
        data = urllib.parse.urlencode(form, doseq=True).encode() if form is not None else None
        try:
            with self.opener.open(url, data=data, timeout=30) as r:
                return r.geturl(), r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.geturl(), e.code, e.read().decode()

    def sign_in(self, path, user, password):
        url, status, html = self.open(BASE + path)
        check(url.startswith(KEYCLOAK), f"{path} sends an anonymous browser to Keycloak", url)
        check("code_challenge=" in url and "code_challenge_method=S256" in url, "the authorization request carries a PKCE S256 challenge", url)
        action = re.search(r'<form[^>]*id="kc-form-login"[^>]*action="([^"]+)"', html)
        check(action is not None, "Keycloak shows its login form")
        return self.open(action.group(1).replace("&amp;", "&"), {"username": user, "password": password, "credentialId": ""})


def check(condition, what, seen=""):
    global checks
    checks += 1
    if not condition:
        print(f"console-oidc: FAILED: {what}" + (f" (saw {seen})" if seen else ""))
        sys.exit(1)
    print(f"console-oidc: ok: {what}")


def h1(html):
    m = re.search(r"<h1[^>]*>([^<]*)", html)
    return m.group(1).strip() if m else ""


def token(html):
    m = re.search(r'name="csrf-token" value="([^"]*)"', html)
    return m.group(1) if m else ""


# an agent: back on the page asked for, named from the ID token, with the queues
agent = Browser()
url, status, html = agent.sign_in("/console/queues/triage", "agent", "agent-password")
check(status == 200 and url == BASE + "/console/queues/triage", f"the agent lands on the page asked for ({status} {url})")
check("Ada Agent" in html, "the header names the agent from the ID token's name claim")
check(h1(html).startswith("Triage"), "the agent sees the triage queue")
url, status, html = agent.open(BASE + "/console/tickets/1")
check(status == 200 and token(html), "the agent opens a ticket page, whose forms carry a token")
status_before = re.search(r'id="ticket-status">([^<]*)', html).group(1)
url, status, html = agent.open(BASE + "/console/tickets/1/comments", {"visibility": "internal", "body": "noted through OIDC", "csrf-token": token(html)})
check(status == 200 and "noted through OIDC" in html and url.startswith(BASE + "/console/tickets/1"), "a note from the page is added")
url, status, html = agent.open(BASE + "/console/tickets/1/comments", {"visibility": "internal", "body": "forged"})
check(status == 403, f"a form without its token is refused ({status})")
url, status, html = agent.open(BASE + "/api/tickets?size=1")
check(status == 401, f"the console's session is not a key to the API ({status})")

# a tenant of acme: their own organisation's tickets only, no internal note, no agent page
acme = Browser()
url, status, html = acme.sign_in("/console/tickets", "acme", "acme-password")
check(status == 200 and "Jo Bloggs" in html and "(acme)" in html, "the acme tenant is signed in with their organisation")
acme_ids = set(re.findall(r'href="/console/tickets/(\d+)"', html))
check("1" in acme_ids, "acme's list holds its ticket 1")
url, status, html = acme.open(BASE + "/console/tickets/1")
check(status == 200 and "noted through OIDC" not in html, "acme sees ticket 1 but not the internal note")
url, status, html = acme.open(BASE + "/console/queues/triage")
check(status == 403, f"a tenant gets no agent queue ({status})")

# a tenant of globex: not acme's ticket
globex = Browser()
url, status, html = globex.sign_in("/console/tickets", "globex", "globex-password")
check(status == 200 and "(globex)" in html, "the globex tenant is signed in")
check(not acme_ids & set(re.findall(r'href="/console/tickets/(\d+)"', html)), "globex's list holds none of acme's tickets")
url, status, html = globex.open(BASE + "/console/tickets/1")
check(status == 404 and h1(html) == "Page not found", f"globex gets 404 for acme's ticket ({status})")

# someone the provider knows but with no role: no page at all
nobody = Browser()
url, status, html = nobody.sign_in("/console/tickets", "nobody", "nobody-password")
check(status == 403, f"a person with no role gets 403 ({status})")

# the incident and on-call consoles: the provider's session signs the agent in without a second password; each service
# keeps its own session cookie, so the desk's session still works after; a tenant has no page there; forms need tokens
for name, base, path, heading, form in [("incident", INCIDENTS, "/console/incidents", "Open incidents", "/console/incidents"),
                                         ("on-call", ON_CALL, "/console/on-call", "Who is on call", "/console/on-call/overrides")]:
    if base is None:
        continue
    url, status, html = agent.open(base + path)
    check(status == 200 and url == base + path, f"the agent opens the {name} console with the provider's session, no second password ({status} {url})")
    check(h1(html).startswith(heading) and "Ada Agent" in html, f"the {name} console names the agent from the ID token", h1(html))
    url, status, html = agent.open(base + form, {"title": "forged", "reason": "forged"})
    check(status == 403, f"the {name} console refuses a form without its session's token ({status})")
    url, status, html = acme.open(base + path)
    check(status == 403, f"a tenant gets no {name} page ({status})")
    service = "incident-service" if name == "incident" else "escalation-service"
    check(any(c.name.startswith("q_session") and service in c.name for c in agent.jar),
          f"the {name} console's session has a cookie of its own", sorted(c.name for c in agent.jar))
    url, status, html = agent.open(BASE + "/console/queues/triage")
    check(status == 200 and h1(html).startswith("Triage"), f"after the {name} console, the desk's own session still works ({status} {url})")

# signing out signs out at the provider too: the next page asks for the password again
url, status, html = agent.open(BASE + "/console/sign-out")
check(status == 200 and h1(html) == "You are signed out", f"sign-out ends on the signed-out page ({status} {url})")
url, status, html = agent.open(BASE + "/console/queues/triage")
check(url.startswith(KEYCLOAK) and 'id="kc-form-login"' in html, "after signing out, a page asks Keycloak's login form again")

# a wrong password gets no session
stranger = Browser()
url, status, html = stranger.sign_in("/console/queues/triage", "agent", "wrong-password")
check(url.startswith(KEYCLOAK), "a wrong password stays at Keycloak")
url, status, html = stranger.open(BASE + "/console/queues/triage")
check(url.startswith(KEYCLOAK), "and no console page opens")

print(f"console-oidc: {checks} checks passed")
