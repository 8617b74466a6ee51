#pragma once

#include "EmulatorAdmin.h"

#include "Emulator.h"
#include "profile/Profile.h"

#include <QJsonObject>

#include <memory>
#include <optional>

namespace ecalab::test {

// An in-process emulator for one test, plus its admin API (§ "The emulator (contract)"),
// spoken over real HTTP as any client of the emulator would.
class EmulatorFixture
{
public:
    EmulatorFixture(); // starts it on port 0; fails the running test when it cannot
    ~EmulatorFixture();

    emu::Emulator &emulator() { return *m_emulator; }
    Profile demoProfile() const; // the emulator's ready profile (My Domain, with secret)
    QJsonObject demoProfileJson() const;

    EmulatorAdmin &admin() { return m_admin; }
    QString demoRunAsUser(); // the demo app's client-credentials Run As username, read over the admin API

private:
    std::unique_ptr<emu::Emulator> m_emulator;
    EmulatorAdmin m_admin;
};

// The ready profile of a running emulator as the app reads it; nullopt with `error` set when it
// does not parse.
std::optional<Profile> demoProfileOf(const emu::Emulator &emulator, QString *error);

} // namespace ecalab::test
