#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <memory>

namespace ecalab::emu {

// A local Salesforce org on loopback (ARCHITECTURE.md, "The emulator (contract)"): three hosts —
// the generic login host, the org's My Domain and an Experience Cloud site — answering as
// Salesforce does (docs/salesforce-oauth.md §12), plus an admin API under
// <myDomain>/__emulator. Everything runs on the event loop of the thread it lives on (EmulatorThread
// gives it one of its own).
class Emulator : public QObject
{
    Q_OBJECT
public:
    explicit Emulator(QObject *parent = nullptr); // the built-in demo org
    ~Emulator() override;

    // Replaces the org (format: emulator/README.md). Call before start(). On a bad seed the org
    // is unchanged and `error` names the field and what is wrong.
    bool loadSeed(const QJsonObject &seed, QString *error);
    // Listens on 127.0.0.1: login host, My Domain, site. 0 = ephemeral ports; N = N, N+1, N+2.
    bool start(quint16 firstPort = 0, QString *error = nullptr);
    void stop();
    bool isRunning() const;

    QUrl loginUrl() const;    // generic login host, like https://login.salesforce.com
    QUrl myDomainUrl() const; // the org's My Domain (instance_url)
    QUrl siteUrl() const;     // the site's host URL plus its path prefix, e.g. http://127.0.0.1:P/demo
    QUrl adminUrl() const;    // <myDomain>/__emulator

    QJsonObject demoProfile() const; // a ready profile (schema 1) for the first app of the org
    QJsonArray users() const;        // [{"username","password"}, …] — demo credentials
    QJsonObject describe() const;    // {"login","myDomain","site","admin","profile","users"}

    // Direct access for tests and the app; the same effect as the admin API.
    QJsonObject state() const; // GET /__emulator/state
    bool changeApp(const QString &clientIdOrName, const QJsonObject &changes, QString *error = nullptr);
    bool changeUser(const QString &username, const QJsonObject &changes, QString *error = nullptr);
    bool changeOrg(const QJsonObject &changes, QString *error = nullptr);  // PATCH /__emulator/org
    bool changeSite(const QJsonObject &changes, QString *error = nullptr); // PATCH /__emulator/site
    // The OTP e-mails and SMS of the headless flows (GET /__emulator/outbox's "messages"), newest last.
    QJsonArray outbox() const;
    QString lastOtpSentTo(const QString &address) const; // empty when none
    void advanceClock(qint64 seconds); // POST /__emulator/clock
    void reset();                      // POST /__emulator/reset
    qint64 nowMs() const;              // the emulator's clock

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace ecalab::emu
