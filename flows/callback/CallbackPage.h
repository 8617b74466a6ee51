#pragma once

#include <QByteArray>
#include <QString>

namespace ecalab {

// The small page the browser shows after the loopback callback (resources/callback/callback.html).
// Every value is HTML-escaped: the callback's parameters come from whoever sent the request.
struct CallbackPage
{
    QString title;
    QString message;
    QString detail;

    QByteArray render() const;
};

} // namespace ecalab
