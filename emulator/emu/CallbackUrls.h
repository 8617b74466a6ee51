#pragma once

#include <QString>
#include <QStringList>

namespace ecalab::emu {

// An app's callbackUrl entries may name the emulator's own hosts, whose ports are only known
// once it runs: {site} (the site's base URL with its prefix), {myDomain} and {login}, each without
// a trailing slash. They are expanded when a redirect_uri is compared; state and the seed export
// show the entries as given, so a seed reads back the same.
struct CallbackPlaceholders
{
    QString site;
    QString myDomain;
    QString login;

    QString expand(const QString &callbackUrl) const;
    QStringList expand(const QStringList &callbackUrls) const;
    // What the seed checks an entry against: placeholders filled with sample hosts.
    static const CallbackPlaceholders &samples();
};

} // namespace ecalab::emu
