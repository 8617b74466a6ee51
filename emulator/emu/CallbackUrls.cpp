#include "CallbackUrls.h"

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

QString CallbackPlaceholders::expand(const QString &callbackUrl) const
{
    if (!callbackUrl.contains(u'{'))
        return callbackUrl;
    QString url = callbackUrl;
    url.replace(u"{site}"_s, site);
    url.replace(u"{myDomain}"_s, myDomain);
    url.replace(u"{login}"_s, login);
    return url;
}

QStringList CallbackPlaceholders::expand(const QStringList &callbackUrls) const
{
    QStringList urls;
    for (const QString &url : callbackUrls)
        urls << expand(url);
    return urls;
}

const CallbackPlaceholders &CallbackPlaceholders::samples()
{
    static const CallbackPlaceholders sample{u"http://127.0.0.1:3/site"_s, u"http://127.0.0.1:2"_s,
                                             u"http://127.0.0.1:1"_s};
    return sample;
}

} // namespace ecalab::emu
