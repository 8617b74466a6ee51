#pragma once

#include "EmulatorAdmin.h"

#include <QJsonObject>
#include <QProcess>
#include <QUrl>

namespace ecalab::test {

// `ecalab emulator --json` in a process of its own, as a person or a CI script runs it. Its first
// stdout line describes the org: the hosts (login, myDomain, site, admin), the ready demo
// profile, the demo users (the shape tests/cli/tst_cli.cpp asserts).
class EmulatorProcess
{
public:
    EmulatorProcess() = default;
    ~EmulatorProcess();
    EmulatorProcess(const EmulatorProcess &) = delete;
    EmulatorProcess &operator=(const EmulatorProcess &) = delete;

    // Starts it with cliEnvironment(configDir) and reads the description; false with `error` set
    // when the binary is missing, does not start, or prints no description.
    bool start(const QString &configDir, QString *error);
    bool stop(); // SIGTERM; true when it then exited by itself with 0

    QJsonObject description() const { return m_description; }
    QJsonObject profile() const { return m_description[u"profile"].toObject(); }
    QUrl loginUrl() const { return QUrl(m_description[u"login"].toString()); } // the generic login host
    QUrl myDomain() const { return QUrl(m_description[u"myDomain"].toString()); }
    QString userName() const;     // the demo profile's user
    QString userPassword() const; // that user's password, from the users list
    // Writes the demo profile (with `changes` merged over it) to `directory`/demo-profile.json and
    // returns its path; empty when it cannot be written.
    QString writeProfile(const QString &directory, const QJsonObject &changes = {}) const;

    EmulatorAdmin &admin() { return m_admin; } // at the "admin" URL of the description

private:
    QProcess m_process;
    QJsonObject m_description;
    EmulatorAdmin m_admin;
};

} // namespace ecalab::test
