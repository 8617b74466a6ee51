#include "Endpoints.h"

#include <QHostAddress>

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

bool isLoopbackHost(const QString &host)
{
    if (host.compare(u"localhost", Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

LoginHostKind classifyLoginHost(const QUrl &url)
{
    const QString host = url.host().toLower();
    if (isLoopbackHost(host))
        return LoginHostKind::Loopback;
    if (host == u"login.salesforce.com" || host == u"test.salesforce.com")
        return LoginHostKind::Generic;
    for (const auto suffix : {u".my.salesforce.com", u".my.salesforce.mil", u".my.sfcrmproducts.cn"}) {
        if (host.endsWith(suffix))
            return LoginHostKind::MyDomain;
    }
    // Salesforce's own page hosts (enhanced domains, and the older Visualforce ones) come before
    // *.force.com, which is otherwise a Salesforce Site.
    for (const auto suffix : {u".lightning.force.com", u".vf.force.com", u".visual.force.com", u".visualforce.com",
                              u".my.salesforce-setup.com"}) {
        if (host.endsWith(suffix))
            return LoginHostKind::OrgPage;
    }
    for (const auto suffix : {u".my.site.com", u".my.salesforce-sites.com", u".force.com"}) {
        if (host.endsWith(suffix))
            return LoginHostKind::Site;
    }
    return LoginHostKind::Other;
}

QUrl endpointUrl(const QUrl &base, const QString &path)
{
    QUrl url = base;
    QString prefix = url.path();
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    url.setPath(prefix + path);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

QString baseUrlProblem(const QUrl &base, const QString &fieldLabel)
{
    if (base.isEmpty())
        return u"%1 is empty."_s.arg(fieldLabel);
    if (!base.isValid() || base.host().isEmpty())
        return u"%1 \"%2\" is not a valid URL."_s.arg(fieldLabel, base.toString(QUrl::RemoveUserInfo));
    if (!base.userInfo().isEmpty()) // shown nowhere: it may be a password
        return u"%1 has a user name or password before the host (user:password@%2): Salesforce never takes "
               "credentials in the URL, and they would be shown wherever the URL is. Remove them; secrets belong in "
               "the keychain or ECALAB_CLIENT_SECRET."_s.arg(fieldLabel, base.host());
    const QString scheme = base.scheme().toLower();
    if (scheme == u"https")
        return {};
    if (scheme == u"http" && isLoopbackHost(base.host()))
        return {}; // the emulator and local test servers speak plain http on loopback only
    return u"%1 must start with https:// (Salesforce refuses OAuth over plain http)."_s.arg(fieldLabel);
}

} // namespace ecalab
