#include "OpenSslError.h"

#include <openssl/err.h>

#include <QStringList>

namespace ecalab::crypto {

QString takeOpenSslErrors()
{
    QStringList lines;
    // A failing decoder can queue dozens of entries; the first few say what went wrong.
    constexpr qsizetype kMaxLines = 6;
    for (unsigned long code = ERR_get_error(); code != 0; code = ERR_get_error()) {
        if (lines.size() >= kMaxLines)
            continue;
        char text[256] = {};
        ERR_error_string_n(code, text, sizeof text);
        const QString line = QString::fromLatin1(text);
        if (!lines.contains(line))
            lines.append(line);
    }
    ERR_clear_error();
    return lines.join(u"; ");
}

} // namespace ecalab::crypto
