#pragma once

#include "browser/BrowserLauncher.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QStringList>
#include <QUrl>

#include <functional>

class QNetworkReply;

namespace ecalab::test {

// Plays the person's browser over plain HTTP, by the emulator's HTML contract (element ids):
// GET the authorize URL, fill `username`/`password` and press `Login`, press `oaapprove` (Allow)
// or `oadeny` (Deny), follow every redirect — including the last one, to the app's loopback
// receiver — keeping cookies (`sid`) like a browser. Injected into flows as their BrowserLauncher.
class ScriptedBrowser : public QObject, public BrowserLauncher
{
    Q_OBJECT
public:
    enum class Decision { Allow, Deny };
    // Upper bound on pages and redirects in one walk, so a loop in the server cannot hang a test.
    static constexpr int kMaxSteps = 20;

    explicit ScriptedBrowser(QObject *parent = nullptr);

    void setCredentials(const QString &username, const QString &password);
    void setDecision(Decision decision) { m_decision = decision; }
    // Redirects whose target starts with `prefix` are held, not followed: `heldRedirect` is emitted
    // and the walk waits for follow() (tamper with the callback, send a probe first, …).
    void holdRedirectsTo(const QString &prefix) { m_holdPrefix = prefix; }

    Result open(const QUrl &url) override; // starts the walk on the event loop; always "opened"
    void follow(const QUrl &url);           // GET `url` and walk on from there

    int openCount() const { return m_openCount; }
    QUrl openedUrl() const { return m_openedUrl; }
    QList<QUrl> visited() const { return m_visited; }
    QUrl heldUrl() const { return m_heldUrl; }
    // The page the walk ended on (no form it knows, no redirect): status, body, and its
    // id="error" text if any (the emulator's error page and login errors carry one).
    int lastStatus() const { return m_lastStatus; }
    QByteArray lastBody() const { return m_lastBody; }
    QString lastError() const;
    bool isDone() const { return m_done; }

    // Pure helpers, public for their unit tests.
    struct Form
    {
        QUrl action;
        QList<QPair<QString, QString>> fields; // inputs other than submit buttons, name → value
    };
    static bool hasElement(const QByteArray &html, const QString &id);
    static Form findForm(const QByteArray &html, const QString &elementId, const QUrl &base);
    static QString unescape(const QString &text);

Q_SIGNALS:
    void heldRedirect(const QUrl &url);
    void done(); // the walk ended on a final page (or a transport error)

private:
    void get(const QUrl &url);
    void post(const QUrl &url, const QList<QPair<QString, QString>> &fields);
    void onReply(QNetworkReply *reply);
    void onPage(const QUrl &url, const QByteArray &html);
    void submit(const QByteArray &html, const QUrl &base, const QString &buttonId);
    void finish(int status, const QByteArray &body);

    QNetworkAccessManager m_network;
    QString m_username;
    QString m_password;
    Decision m_decision = Decision::Allow;
    QString m_holdPrefix;
    int m_openCount = 0;
    int m_steps = 0;
    QUrl m_openedUrl;
    QUrl m_heldUrl;
    QList<QUrl> m_visited;
    int m_lastStatus = 0;
    QByteArray m_lastBody;
    bool m_done = false;
};

} // namespace ecalab::test
