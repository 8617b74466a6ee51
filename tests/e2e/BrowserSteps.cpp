#include "BrowserSteps.h"

#include <QRegularExpression>
#include <QStringList>

using namespace Qt::Literals::StringLiterals;

namespace ecalab::e2e {

namespace {
QString failure(WebDriverSession &browser, const QString &step)
{
    const QString error = browser.lastError();
    const QUrl at = browser.currentUrl();
    const QString page = browser.pageSource().left(1500);
    return u"%1 failed at %2: %3\n--- page ---\n%4"_s.arg(step, at.toString(), error, page);
}
} // namespace

QString logIn(WebDriverSession &browser, const QString &username, const QString &password)
{
    if (!browser.type(u"#username"_s, username))
        return failure(browser, u"Typing the username"_s);
    if (!browser.type(u"#password"_s, password))
        return failure(browser, u"Typing the password"_s);
    if (!browser.clickOn(u"#Login"_s))
        return failure(browser, u"Clicking Log In"_s);
    return {};
}

QString answerConsent(WebDriverSession &browser, bool allow)
{
    const QString button = allow ? u"#oaapprove"_s : u"#oadeny"_s;
    if (!browser.clickOn(button))
        return failure(browser, allow ? u"Clicking Allow"_s : u"Clicking Deny"_s);
    return {};
}

QString enterUserCode(WebDriverSession &browser, const QString &userCode)
{
    if (!browser.type(u"#user_code"_s, userCode))
        return failure(browser, u"Typing the user code"_s);
    if (!browser.clickOn(u"#save"_s))
        return failure(browser, u"Clicking Connect"_s);
    return {};
}

QUrl longestUrlWithPath(const QString &text, const QString &pathPart)
{
    static const QRegularExpression url(u"https?://[^\\s\"'<>]+"_s);
    QString longest;
    for (QRegularExpressionMatchIterator it = url.globalMatch(text); it.hasNext();) {
        QString candidate = it.next().captured();
        while (!candidate.isEmpty() && u".,;:)]}"_s.contains(candidate.back()))
            candidate.chop(1);
        const QUrl parsed(candidate, QUrl::StrictMode);
        if (parsed.isValid() && parsed.path().contains(pathPart) && candidate.size() > longest.size())
            longest = candidate;
    }
    return longest.isEmpty() ? QUrl() : QUrl(longest, QUrl::StrictMode);
}

QUrl urlOnItsOwnLine(const QString &text, const QString &pathPart)
{
    const QStringList lines = text.split(u'\n');
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) { // the last piece has no newline yet
        const QString line = lines[i].trimmed();
        const QUrl url(line, QUrl::StrictMode);
        if (line.startsWith(u"http") && url.isValid() && url.path().contains(pathPart))
            return url;
    }
    return {};
}

QString userCodeIn(const QString &text)
{
    static const QRegularExpression code(u"\\b([A-Z0-9]{3,}[- ]?[A-Z0-9]{3,})\\b"_s);
    const QStringList lines = text.split(u'\n');
    for (const QString &line : lines) {
        if (!line.contains(u"code"_s, Qt::CaseInsensitive) || line.contains(u"://"_s))
            continue;
        QString found;
        for (QRegularExpressionMatchIterator it = code.globalMatch(line); it.hasNext();) {
            const QString candidate = it.next().captured(1);
            // A user code mixes letters and digits or is all capitals; skip words such as "QR".
            if (candidate.size() >= 6 && candidate.toUpper() == candidate)
                found = candidate;
        }
        if (!found.isEmpty())
            return found;
    }
    return {};
}

} // namespace ecalab::e2e
