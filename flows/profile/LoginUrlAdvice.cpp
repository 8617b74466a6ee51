#include "LoginUrlAdvice.h"

#include "oauth/Endpoints.h"

#include <QStringList>

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {

// Partitioned-domain org types (§1.1): the label between the My Domain name and "my.salesforce.com".
const QStringList kPartitions = {u"sandbox"_s, u"scratch"_s,    u"develop"_s, u"demo"_s,
                                 u"patch"_s,   u"trailblaze"_s, u"free"_s};

enum class PageKind { None, Lightning, Visualforce, Setup };

struct PageHost
{
    PageKind kind = PageKind::None;
    QString prefix;            // the host before the page suffix: "acme", "acme--dev.sandbox", "acme--c.na139"
    bool packageLabel = false; // Visualforce: the first label ends in --<package> ("acme--c")
};

PageHost pageHostOf(const QString &host)
{
    struct Suffix
    {
        QString text;
        PageKind kind;
        bool packageLabel;
    };
    static const QList<Suffix> suffixes = {
        {u".lightning.force.com"_s, PageKind::Lightning, false},
        {u".my.salesforce-setup.com"_s, PageKind::Setup, false},
        {u".vf.force.com"_s, PageKind::Visualforce, true},
        {u".visual.force.com"_s, PageKind::Visualforce, true},
        {u".visualforce.com"_s, PageKind::Visualforce, true},
    };
    for (const Suffix &suffix : suffixes) {
        if (host.endsWith(suffix.text) && host.size() > suffix.text.size())
            return {suffix.kind, host.chopped(suffix.text.size()), suffix.packageLabel};
    }
    return {};
}

QString noteFor(PageKind kind)
{
    switch (kind) {
    case PageKind::Lightning:
        return u"Lightning page, not a login URL"_s;
    case PageKind::Visualforce:
        return u"Visualforce page, not a login URL"_s;
    case PageKind::Setup:
        return u"Setup page, not a login URL"_s;
    case PageKind::None:
        break;
    }
    return {};
}

QString myDomainNote(const QString &host)
{
    if (host.endsWith(u".sandbox.my.salesforce.com"))
        return u"Sandbox My Domain ✓"_s;
    if (host.endsWith(u".scratch.my.salesforce.com"))
        return u"Scratch org ✓"_s;
    if (host.endsWith(u".develop.my.salesforce.com"))
        return u"Developer Edition My Domain ✓"_s;
    return u"My Domain ✓"_s;
}

QString noteFor(LoginHostKind kind, const QString &host)
{
    switch (kind) {
    case LoginHostKind::MyDomain:
        return myDomainNote(host);
    case LoginHostKind::Generic:
        return u"Generic login host"_s;
    case LoginHostKind::Site:
        return u"Experience Cloud site"_s;
    case LoginHostKind::Loopback:
        return u"This machine (emulator)"_s;
    case LoginHostKind::OrgPage:
        return noteFor(pageHostOf(host).kind);
    case LoginHostKind::Other:
        break;
    }
    return u"Custom host"_s;
}

// https, except on loopback, where the emulator and local test servers speak plain http (§1.1).
QUrl httpsOrigin(const QUrl &url, bool schemeTyped, const QString &path)
{
    QUrl origin;
    const bool loopback = isLoopbackHost(url.host());
    origin.setScheme(loopback && !schemeTyped ? u"http"_s : loopback ? url.scheme() : u"https"_s);
    origin.setHost(url.host());
    origin.setPort(url.port());
    origin.setPath(path);
    return origin;
}

// A site keeps its path prefix (§1.2: https://acme.my.site.com/customers); the browser's login
// page under it (/customers/s/login/) is cut back to the prefix.
QString sitePrefix(const QString &path)
{
    QString prefix = path;
    if (const qsizetype s = prefix.indexOf(u"/s/"); s >= 0)
        prefix.truncate(s);
    else if (prefix.endsWith(u"/s"))
        prefix.chop(2);
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    return prefix;
}

LoginUrlAdvice warn(QString note, QString message, QUrl suggestion = {})
{
    return {std::move(note), true, std::move(message), std::move(suggestion)};
}

LoginUrlAdvice adviseOnPage(const QUrl &url)
{
    const QString host = url.host().toLower();
    const PageHost page = pageHostOf(host);
    const QString what = page.kind == PageKind::Lightning && url.path().startsWith(u"/lightning/setup/")
                             ? u"a Setup page"_s
                         : page.kind == PageKind::Visualforce ? u"a Visualforce page"_s
                         : page.kind == PageKind::Setup       ? u"a Setup page"_s
                                                              : u"a Lightning page"_s;
    const QString myDomain = myDomainOfPageHost(host);
    if (myDomain.isEmpty())
        return warn(noteFor(page.kind), u"%1 is the address of %2, not the org's login URL: use the My Domain "
                                        "URL from Setup → My Domain."_s.arg(host, what));
    QUrl suggestion;
    suggestion.setScheme(u"https"_s);
    suggestion.setHost(myDomain);
    return warn(noteFor(page.kind),
                u"%1 is the address of %2 (copied from the browser), not the org's login URL."_s.arg(host, what),
                suggestion);
}

} // namespace

QString myDomainOfPageHost(const QString &host)
{
    const PageHost page = pageHostOf(host.toLower());
    if (page.kind == PageKind::None)
        return {};
    QStringList labels = page.prefix.split(u'.');
    QString name = labels.takeFirst();
    if (page.packageLabel) { // acme--c, acme--dev--c: the last --<package> is not the org's
        const qsizetype dashes = name.lastIndexOf(u"--");
        if (dashes <= 0)
            return {}; // c.na139.visual.force.com: no My Domain in the name
        name.truncate(dashes);
    }
    QString partition = labels.isEmpty() || !kPartitions.contains(labels.first()) ? QString() : labels.first();
    if (partition.isEmpty() && name.contains(u"--"))
        partition = u"sandbox"_s; // older Visualforce hosts (acme--dev--c.cs42.visual.force.com)
    if (name.isEmpty() || (partition == u"sandbox" && !name.contains(u"--")))
        return {};
    return partition.isEmpty() ? name + u".my.salesforce.com"_s : name + u'.' + partition + u".my.salesforce.com"_s;
}

LoginUrlAdvice adviseLoginUrl(const QString &typed)
{
    const QString text = typed.trimmed();
    if (text.isEmpty())
        return {};
    const bool missingScheme = !text.contains(u"://");
    const QUrl url(missingScheme ? u"https://"_s + text : text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return warn(QString(),
                    u"\"%1\" is not a URL; a login URL looks like https://acme.my.salesforce.com."_s.arg(text));
    const QString host = url.host().toLower();
    const LoginHostKind kind = classifyLoginHost(url);
    if (kind == LoginHostKind::OrgPage)
        return adviseOnPage(url);

    const QString note = noteFor(kind, host);
    const QString path = url.path() == u"/" ? QString() : url.path();
    const QString keptPath = kind == LoginHostKind::Site ? sitePrefix(path) : QString();
    const QUrl suggestion = httpsOrigin(url, !missingScheme, keptPath);
    if (missingScheme)
        return warn(note, u"A login URL starts with https://."_s, suggestion);
    const QString scheme = url.scheme().toLower();
    if (scheme != u"https" && !(scheme == u"http" && kind == LoginHostKind::Loopback))
        return warn(note, u"Salesforce refuses OAuth over %1://; use https://."_s.arg(scheme), suggestion);
    if (path != keptPath || url.hasQuery() || url.hasFragment())
        return warn(note,
                    kind == LoginHostKind::Site
                        ? u"A site's login URL is its address and path prefix only; ECA Lab adds /services/oauth2/… "
                          "itself."_s
                        : u"A login URL is only https://host; ECA Lab adds /services/oauth2/… itself."_s,
                    suggestion);
    return {note, false, {}, {}};
}

} // namespace ecalab
