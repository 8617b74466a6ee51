#pragma once

#include "Context.h"

#include <QJsonObject>
#include <QString>

namespace ecalab::emu {

// Changes the running org (admin API and Emulator's direct accessors alike). Every change is
// tried on a copy, validated with the seed rules, and kept only when valid.
class OrgEditor
{
public:
    struct Result
    {
        enum class Status { Ok, NotFound, Invalid };
        Status status = Status::Ok;
        QString error;
        explicit operator bool() const { return status == Status::Ok; }
    };

    explicit OrgEditor(EmulatorContext &context) : m_context(context) {}

    Result changeOrg(const QJsonObject &changes);
    Result changeSite(const QJsonObject &changes); // the site's Login & Registration settings (§6.1)
    Result changeUser(const QString &username, const QJsonObject &changes);
    Result createUser(const QJsonObject &user);
    Result deleteUser(const QString &username);
    Result changeApp(const QString &clientIdOrName, const QJsonObject &changes);
    Result createApp(const QJsonObject &app);
    Result deleteApp(const QString &clientIdOrName);
    // Replaces the org with a new seed: sessions and faults are cleared.
    Result loadSeed(const QJsonObject &seed);
    // Back to the seed the org came from; sessions, faults and the clock offset are cleared.
    void reset();

private:
    Result commit(OrgModel candidate);

    EmulatorContext &m_context;
};

} // namespace ecalab::emu
