#include "SecretStores.h"

#include "profile/KeychainSecretStore.h"

#include <QTimer>

#include <memory>

namespace ecalab::app {

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int kKeychainProbeTimeoutMs = 4000;
}

void chooseSecretStore(QObject *context, std::function<void(std::unique_ptr<SecretStore>)> done)
{
    if (qEnvironmentVariable("ECALAB_SECRET_STORE") == u"memory") {
        done(std::make_unique<InMemorySecretStore>(u"ECALAB_SECRET_STORE=memory: secrets are kept in memory only."_s));
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
    QTimer::singleShot(kKeychainProbeTimeoutMs, context, [finish] {
        finish(std::make_unique<InMemorySecretStore>(
            u"The system keychain did not answer; secrets are kept in memory only until ECA Lab closes."_s));
    });
    KeychainSecretStore::probe(context, [finish](bool available, const QString &why) {
        if (available)
            finish(std::make_unique<KeychainSecretStore>());
        else
            finish(std::make_unique<InMemorySecretStore>(
                u"No system keychain is available (%1); secrets are kept in memory only until ECA Lab closes."_s.arg(why)));
    });
}

} // namespace ecalab::app
