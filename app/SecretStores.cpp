#include "SecretStores.h"

#include "profile/KeychainModule.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLibrary>
#include <QTimer>

#include <memory>

namespace ecalab::app {

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int kKeychainProbeTimeoutMs = 4000;

std::unique_ptr<SecretStore> memoryStore(const QString &why)
{
    return std::make_unique<InMemorySecretStore>(why + u"; secrets are kept in memory only until ECA Lab closes."_s);
}
} // namespace

// Beside the program (the build tree, Windows, the macOS bundle, the window program in
// libexec/ecalab), then where the installed command line finds it (ECALAB_KEYCHAIN_FROM_BIN,
// e.g. ../libexec/ecalab/libecalab_keychain.so; app/CMakeLists.txt).
QStringList keychainModuleCandidates(const QString &programDir)
{
    const QDir dir(programDir);
    QStringList candidates{dir.filePath(QStringLiteral(ECALAB_KEYCHAIN_FILE_NAME))};
    const QString installed = QDir::cleanPath(dir.filePath(QStringLiteral(ECALAB_KEYCHAIN_FROM_BIN)));
    if (!candidates.contains(installed))
        candidates.append(installed);
    return candidates;
}

const KeychainModuleApi *loadKeychainModule(const QStringList &candidates, QString *why)
{
    static const KeychainModuleApi *loaded = nullptr; // a module stays loaded for the process's life
    if (loaded)
        return loaded;
    QStringList problems;
    for (const QString &candidate : candidates) {
        if (!QFile::exists(candidate))
            continue;
        QLibrary library(candidate);
        const auto entry = reinterpret_cast<EcalabKeychainModuleEntry *>(library.resolve(kEcalabKeychainModuleEntry));
        const KeychainModuleApi *api = entry ? entry() : nullptr;
        if (api && api->version == KeychainModuleApi::kVersion && api->create && api->probe)
            return loaded = api;
        problems.append(entry ? u"%1 is from another version of ECA Lab"_s.arg(candidate)
                              : u"%1 could not be loaded (%2)"_s.arg(candidate, library.errorString()));
    }
    *why = problems.isEmpty() ? u"the keychain module is not installed (looked for %1)"_s.arg(candidates.join(u" and "_s))
                              : problems.join(u"; "_s);
    return nullptr;
}

void chooseSecretStore(QObject *context, std::function<void(std::unique_ptr<SecretStore>)> done)
{
    if (qEnvironmentVariable("ECALAB_SECRET_STORE") == u"memory") {
        done(std::make_unique<InMemorySecretStore>(u"ECALAB_SECRET_STORE=memory: secrets are kept in memory only."_s));
        return;
    }
    QString why;
    const KeychainModuleApi *keychain =
        loadKeychainModule(keychainModuleCandidates(QCoreApplication::applicationDirPath()), &why);
    if (!keychain) {
        done(memoryStore(u"The system keychain cannot be used: "_s + why + u". Reinstall ECA Lab to fix this"_s));
        return;
    }
    // Whichever answers first — the probe or the timer — decides; the other is ignored.
    auto decided = std::make_shared<bool>(false);
    auto finish = [decided, done](std::unique_ptr<SecretStore> chosen) {
        if (*decided)
            return;
        *decided = true;
        done(std::move(chosen));
    };
    QTimer::singleShot(kKeychainProbeTimeoutMs, context,
                       [finish] { finish(memoryStore(u"The system keychain did not answer"_s)); });
    keychain->probe(context, [finish, keychain](bool available, const QString &reason) {
        if (available)
            finish(keychain->create());
        else
            finish(memoryStore(u"No system keychain is available (%1)"_s.arg(reason)));
    });
}

} // namespace ecalab::app
