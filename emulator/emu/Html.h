#pragma once

#include "HttpTypes.h"

#include <QList>
#include <QPair>
#include <QString>

namespace ecalab::emu {

// The emulator's few HTML pages (login, consent, error): escaped text, no JavaScript, plain
// <form method="post"> with hidden inputs carrying the state (the HTML contract in UX.md).
class Html
{
public:
    using Fields = QList<QPair<QString, QString>>;

    static QString escape(QStringView text); // & < > " '
    static QString hiddenInputs(const Fields &fields);
    // A whole page in Salesforce's plain login-page style: 200, text/html, never cached.
    static HttpReply page(const QString &title, const QString &bodyHtml, int status = 200);
};

} // namespace ecalab::emu
