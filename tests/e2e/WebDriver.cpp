#include "WebDriver.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace ecalab::e2e {

namespace {
// W3C WebDriver §12.1: the key under which an element reference travels.
constexpr QStringView kElementKey = u"element-6066-11e4-a52e-4f735466cecf";
// Generous: a click may wait for a page load on a busy 2-core CI machine.
constexpr int kCommandTimeoutMs = 60'000;
// How long element lookups wait for the element to appear (WebDriver "implicit" timeout).
constexpr int kImplicitWaitMs = 15'000;
constexpr int kDriverStartMs = 20'000;

QString fromEnvironment(const char *name, const QString &fallback)
{
    const QString value = qEnvironmentVariable(name);
    return value.isEmpty() ? fallback : value;
}
} // namespace

QString chromedriverProgram()
{
    return fromEnvironment("ECALAB_CHROMEDRIVER", u"chromedriver"_s);
}

QString chromiumProgram()
{
    return fromEnvironment("ECALAB_CHROMIUM", u"chromium"_s);
}

QStringList hermeticChromiumArguments(const QString &userDataDir)
{
    return {
        u"--headless=new"_s,
        u"--no-sandbox"_s,
        u"--disable-gpu"_s,
        u"--user-data-dir="_s + userDataDir,
        u"--window-size=1024,768"_s,
        // Loopback only: no proxy, and nothing but localhost and 127.0.0.1 resolves (IP literals go through the rules
        // too).
        u"--no-proxy-server"_s,
        u"--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1"_s,
        // No background traffic of chromium's own.
        u"--disable-background-networking"_s,
        u"--disable-component-update"_s,
        u"--disable-default-apps"_s,
        u"--disable-extensions"_s,
        u"--disable-sync"_s,
        u"--disable-client-side-phishing-detection"_s,
        u"--disable-domain-reliability"_s,
        u"--disable-breakpad"_s,
        u"--safebrowsing-disable-auto-update"_s,
        u"--metrics-recording-only"_s,
        u"--no-first-run"_s,
        u"--no-default-browser-check"_s,
        u"--password-store=basic"_s,
        u"--use-mock-keychain"_s,
        u"--disable-features=OptimizationHints,MediaRouter,DialMediaRouteProvider,Translate,"
        "AutofillServerCommunication,CertificateTransparencyComponentUpdater,InterestFeedContentSuggestions"_s,
    };
}

ChromeDriver::~ChromeDriver()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(5000))
        m_process.kill();
    m_process.waitForFinished(5000);
}

bool ChromeDriver::start(QString *error)
{
    // Each retry draws a new ephemeral port; five collisions in a row would mean something else is wrong.
    constexpr int kAttempts = 5;
    for (int attempt = 1; attempt <= kAttempts; ++attempt) {
        const Launch launch = launchOnce(error);
        if (launch != Launch::PortTaken)
            return launch == Launch::Started;
    }
    return false;
}

ChromeDriver::Launch ChromeDriver::launchOnce(QString *error)
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(chromedriverProgram(), {u"--port=0"_s});
    if (!m_process.waitForStarted(kDriverStartMs)) {
        *error = u"Cannot start %1: %2"_s.arg(chromedriverProgram(), m_process.errorString());
        return Launch::Failed;
    }
    // "ChromeDriver was started successfully on port 33755."
    static const QRegularExpression started(u"started successfully on port (\\d+)"_s);
    QByteArray output;
    const QDeadlineTimer deadline(kDriverStartMs);
    while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
        m_process.waitForReadyRead(int(deadline.remainingTime()));
        output += m_process.readAll();
        const QRegularExpressionMatch match = started.match(QString::fromUtf8(output));
        if (match.hasMatch()) {
            m_url = QUrl(u"http://127.0.0.1:"_s + match.captured(1));
            return Launch::Started;
        }
    }
    output += m_process.readAll();
    *error = u"chromedriver did not report its port: %1"_s.arg(QString::fromUtf8(output));
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    return output.contains("port not available") ? Launch::PortTaken : Launch::Failed;
}

WebDriverSession::WebDriverSession(QUrl driverUrl) : m_driverUrl(std::move(driverUrl))
{
}

WebDriverSession::~WebDriverSession()
{
    if (isOpen())
        close();
}

bool WebDriverSession::open()
{
    if (!m_profileDir.isValid()) {
        m_lastError = u"Cannot create a temporary chromium profile directory."_s;
        return false;
    }
    const QJsonObject chromeOptions{
        {u"binary"_s, chromiumProgram()},
        {u"args"_s, QJsonArray::fromStringList(hermeticChromiumArguments(m_profileDir.path()))},
    };
    const QJsonObject capabilities{
        {u"alwaysMatch"_s, QJsonObject{{u"browserName"_s, u"chrome"_s},
                                       {u"goog:chromeOptions"_s, chromeOptions},
                                       {u"timeouts"_s, QJsonObject{{u"implicit"_s, kImplicitWaitMs},
                                                                   {u"pageLoad"_s, kCommandTimeoutMs / 2}}}}},
    };
    const Answer answer = call("POST", u"/session"_s, {{u"capabilities"_s, capabilities}});
    if (!answer.ok)
        return false;
    m_sessionId = answer.value[u"sessionId"].toString();
    if (m_sessionId.isEmpty()) {
        m_lastError = u"New session answer has no sessionId."_s;
        return false;
    }
    return true;
}

bool WebDriverSession::close()
{
    const Answer answer = call("DELETE", sessionPath({}));
    m_sessionId.clear();
    return answer.ok;
}

bool WebDriverSession::navigate(const QUrl &url)
{
    return call("POST", sessionPath(u"/url"_s), {{u"url"_s, url.toString(QUrl::FullyEncoded)}}).ok;
}

QUrl WebDriverSession::currentUrl()
{
    const Answer answer = call("GET", sessionPath(u"/url"_s));
    return answer.ok ? QUrl(answer.value.toString()) : QUrl();
}

QString WebDriverSession::pageSource()
{
    return call("GET", sessionPath(u"/source"_s)).value.toString();
}

QString WebDriverSession::title()
{
    return call("GET", sessionPath(u"/title"_s)).value.toString();
}

QString WebDriverSession::findElement(const QString &css)
{
    const Answer answer =
        call("POST", sessionPath(u"/element"_s), {{u"using"_s, u"css selector"_s}, {u"value"_s, css}});
    if (!answer.ok)
        return {};
    const QString id = answer.value[kElementKey].toString();
    if (id.isEmpty())
        m_lastError = u"Element answer for %1 has no element reference."_s.arg(css);
    return id;
}

bool WebDriverSession::sendKeys(const QString &elementId, const QString &text)
{
    return call("POST", sessionPath(u"/element/%1/value"_s.arg(elementId)), {{u"text"_s, text}}).ok;
}

bool WebDriverSession::click(const QString &elementId)
{
    return call("POST", sessionPath(u"/element/%1/click"_s.arg(elementId))).ok;
}

bool WebDriverSession::setImplicitWait(int ms)
{
    return call("POST", sessionPath(u"/timeouts"_s), {{u"implicit"_s, ms}}).ok;
}

bool WebDriverSession::type(const QString &css, const QString &text)
{
    const QString id = findElement(css);
    return !id.isEmpty() && sendKeys(id, text);
}

bool WebDriverSession::clickOn(const QString &css)
{
    const QString id = findElement(css);
    return !id.isEmpty() && click(id);
}

QString WebDriverSession::sessionPath(const QString &rest) const
{
    return u"/session/"_s + m_sessionId + rest;
}

WebDriverSession::Answer WebDriverSession::call(const QByteArray &method, const QString &path, const QJsonObject &body)
{
    QUrl url = m_driverUrl;
    url.setPath(path);
    QNetworkRequest request(url);
    request.setTransferTimeout(kCommandTimeoutMs);
    QByteArray payload;
    if (method == "POST") {
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json; charset=utf-8"_s);
        payload = QJsonDocument(body).toJson(QJsonDocument::Compact);
    }
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, payload);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    const QByteArray bytes = reply->readAll();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString transportError =
        reply->error() == QNetworkReply::NoError || status != 0 ? QString() : reply->errorString();
    reply->deleteLater();

    Answer answer;
    const QJsonValue value = QJsonDocument::fromJson(bytes).object().value(u"value");
    if (!transportError.isEmpty()) {
        m_lastError = u"%1 %2: %3"_s.arg(QString::fromLatin1(method), path, transportError);
    } else if (status != 200) {
        // W3C WebDriver §6.6: errors are {"value": {"error", "message", "stacktrace"}}.
        const QString message = value[u"message"].toString().section(u'\n', 0, 0);
        m_lastError = u"%1 %2: HTTP %3 %4: %5"_s.arg(QString::fromLatin1(method), path, QString::number(status),
                                                     value[u"error"].toString(), message);
    } else {
        answer.ok = true;
        answer.value = value;
        m_lastError.clear();
    }
    return answer;
}

} // namespace ecalab::e2e
