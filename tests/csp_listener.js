// Injected by the browser tests before any page script: records every Content-Security-Policy violation.
window.__cspViolations = [];
// The policy is sent twice (the server's header and the page's <meta>): each reports the same block once.
document.addEventListener("securitypolicyviolation", (event) => {
  const violation = `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
                    `(${event.sourceFile || document.location.href}:${event.lineNumber})`;
  if (!window.__cspViolations.includes(violation)) window.__cspViolations.push(violation);
});
