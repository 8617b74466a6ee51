#pragma once

#include <QString>
#include <QUrl>

namespace ecalab {

// What the Login URL field says about what was typed (§1.1): a short note beside the field and,
// for the usual paste mistakes (the browser's address bar on a Lightning, Setup or Visualforce
// page; no https://; plain http; a path or query), a one-sentence warning and, when one can be
// derived, the login URL to use instead. Pure: no network, no Widgets.
struct LoginUrlAdvice
{
    QString note; // "My Domain ✓", "Sandbox My Domain ✓", "Lightning page, not a login URL", ...
    bool warning = false;
    QString message; // for a warning: what is wrong, one sentence
    QUrl suggestion; // the login URL to use instead, when one can be derived; empty otherwise
};

LoginUrlAdvice adviseLoginUrl(const QString &typed);

// The My Domain login host an org page host belongs to (§1.1, enhanced-domain formats):
// acme.lightning.force.com -> acme.my.salesforce.com; acme--dev.sandbox.lightning.force.com ->
// acme--dev.sandbox.my.salesforce.com; acme--c.vf.force.com -> acme.my.salesforce.com;
// acme.my.salesforce-setup.com -> acme.my.salesforce.com. Empty when host is no such page host
// or names no My Domain (c.na139.visual.force.com).
QString myDomainOfPageHost(const QString &host);

} // namespace ecalab
