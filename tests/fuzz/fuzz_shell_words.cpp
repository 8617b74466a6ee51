// The --browser COMMAND splitter (POSIX shell word splitting, no expansion): what a person types,
// or what a script passes through from elsewhere.

#include "FuzzSupport.h"

#include "browser/BrowserLauncher.h"
#include "core/ShellWords.h"

#include <QUrl>

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

namespace {

// Each word in single quotes, a quote as '\'': what any POSIX shell reads back as the same words.
QString quoted(const QStringList &words)
{
    QStringList parts;
    for (const QString &word : words)
        parts.append(u'\'' + QString(word).replace(u"'"_s, u"'\\''"_s) + u'\'');
    return parts.join(u' ');
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString command = QString::fromUtf8(fuzz::bytes(data, size));
    const auto words = splitShellWords(command);
    const QUrl url(u"https://acme.my.salesforce.com/services/oauth2/authorize?state=x"_s);
    const QStringList launched = CommandBrowserLauncher::commandLine(command, url);
    if (!words) {
        fuzz::require(!words.error().isEmpty() && launched.isEmpty(), "a command that cannot split is not started");
        return 0;
    }
    const auto again = splitShellWords(quoted(*words));
    fuzz::require(again && *again == *words, "quoted words split back into the same words");
    fuzz::require(launched == *words + QStringList{url.toString(QUrl::FullyEncoded)},
                  "the URL is appended as the last argument");
    return 0;
}
