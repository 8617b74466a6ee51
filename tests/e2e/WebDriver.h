#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

namespace ecalab::e2e {

// The browser programs found at configure time (ECALAB_CHROMEDRIVER / ECALAB_CHROMIUM, set by
// tests/e2e/CMakeLists.txt on every e2e test).
QString chromedriverProgram();
QString chromiumProgram();

// Flags that keep headless chromium on loopback: no proxy, no background or component traffic,
// and every host except localhost and 127.0.0.1 resolves to "not found", so nothing can reach the
// internet even by accident.
QStringList hermeticChromiumArguments(const QString &userDataDir);

// A chromedriver process on a loopback port it chooses itself (--port=0; it prints the port).
// With port 0 chromedriver takes an ephemeral IPv6 port and then binds the same number on IPv4,
// which another process may already hold; it then exits ("IPv4 port not available"), and start()
// simply launches it again. Stopped when destroyed.
class ChromeDriver
{
public:
    ChromeDriver() = default;
    ~ChromeDriver();
    ChromeDriver(const ChromeDriver &) = delete;
    ChromeDriver &operator=(const ChromeDriver &) = delete;

    bool start(QString *error);
    QUrl url() const { return m_url; }

private:
    enum class Launch { Started, PortTaken, Failed };
    Launch launchOnce(QString *error);

    QProcess m_process;
    QUrl m_url;
};

// One W3C WebDriver session (https://www.w3.org/TR/webdriver2/) with a headless chromium of its
// own (fresh profile directory, so no cookies carry over between sessions). Every command waits
// for chromedriver's answer on a nested event loop; a failed command returns false / empty and
// leaves what went wrong in lastError().
class WebDriverSession
{
public:
    explicit WebDriverSession(QUrl driverUrl);
    ~WebDriverSession(); // closes the session (and its browser) if still open
    WebDriverSession(const WebDriverSession &) = delete;
    WebDriverSession &operator=(const WebDriverSession &) = delete;

    bool open();
    bool close();
    bool isOpen() const { return !m_sessionId.isEmpty(); }

    bool navigate(const QUrl &url);
    QUrl currentUrl();
    QString pageSource();
    QString title();
    // `css` such as "#username"; waits up to the implicit wait for the element to appear.
    QString findElement(const QString &css);
    bool sendKeys(const QString &elementId, const QString &text);
    bool click(const QString &elementId);

    // Conveniences for forms: find by css, then type / click.
    bool type(const QString &css, const QString &text);
    bool clickOn(const QString &css);
    // How long element lookups wait for the element to appear (WebDriver "implicit" timeout).
    bool setImplicitWait(int ms);

    QString lastError() const { return m_lastError; }

private:
    struct Answer
    {
        bool ok = false;
        QJsonValue value;
    };
    Answer call(const QByteArray &method, const QString &path, const QJsonObject &body = {});
    QString sessionPath(const QString &rest) const;

    QUrl m_driverUrl;
    QNetworkAccessManager m_network;
    QTemporaryDir m_profileDir;
    QString m_sessionId;
    QString m_lastError;
};

} // namespace ecalab::e2e
