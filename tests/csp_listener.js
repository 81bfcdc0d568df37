// Injected by the browser tests before any page script: records every Content-Security-Policy violation.
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
                              `(${event.sourceFile || document.location.href}:${event.lineNumber})`);
});
