#pragma once

#include "Emulator.h"
#include "profile/Profile.h"

#include <QJsonObject>
#include <QNetworkAccessManager>

#include <memory>

namespace ecalab::test {

// An in-process emulator for one test, plus its admin API (§ "The emulator (contract)"),
// spoken over real HTTP as any client of the emulator would.
class EmulatorFixture
{
public:
    EmulatorFixture();
    ~EmulatorFixture();

    emu::Emulator &emulator() { return *m_emulator; }
    Profile demoProfile() const;              // the emulator's ready profile (My Domain, with secret)
    QJsonObject demoProfileJson() const;

    // Admin API helpers: each returns the HTTP status and fails the running test on transport errors.
    int admin(const QByteArray &method, const QString &path, const QJsonObject &body = {});
    QJsonObject adminGet(const QString &path);
    int changeApp(const QString &clientId, const QJsonObject &settings);
    int changeUser(const QString &username, const QJsonObject &settings);
    int injectFault(const QJsonObject &fault);
    QString demoRunAsUser(); // the demo app's client-credentials Run As username

private:
    std::unique_ptr<emu::Emulator> m_emulator;
    QNetworkAccessManager m_network;
};

} // namespace ecalab::test
