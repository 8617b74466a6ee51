#pragma once

#include "Context.h"

#include <QJsonObject>
#include <QTemporaryFile>

#include <memory>

namespace ecalab::emu {

// The built-in demo org and the ready profile of the `ecalab emulator --json` contract
// (ARCHITECTURE.md, "The emulator (contract)").
class DemoOrg
{
public:
    static QJsonObject builtInSeed(); // :/emulator/demo/demo-org.json
    // The profile for the org's first app and its first interactive user, pointing at My Domain.
    static QJsonObject profile(const EmulatorContext &context, const QString &privateKeyFile);

    // The demo client key in a per-user 0600 temporary file, for the profile's privateKeyFile;
    // removed when this object goes.
    bool writeKeyFile(QString *error);
    QString keyFilePath() const;

private:
    std::unique_ptr<QTemporaryFile> m_keyFile;
};

} // namespace ecalab::emu
