// Injected by the browser tests before any page script: reports every Content-Security-Policy violation to
// the test (conftest.watch_security_policy), on every page the tab goes to.
// The policy is sent twice (the server's header and the page's <meta>): each reports the same block once.
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolation(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
                        `(${event.sourceFile || document.location.href}:${event.lineNumber})`);
});
