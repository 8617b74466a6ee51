#pragma once

#include "grants/Flow.h"
#include "profile/FieldProblem.h"
#include "profile/Profile.h"

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace ecalab {

class BrowserLauncher;
class Clock;
class RandomSource;

// Per-run choices that are not profile fields (command-line options, window settings).
struct RunOptions
{
    // --timeout: how long a flow waits on the person (callback, device approval); the end of such
    // a wait is Expired (exit 4). Unset: the flow's own limit.
    std::optional<int> waitTimeoutSeconds;
    // How the person allows a longer wait, for the messages that suggest it: each surface names
    // its own way (the window only takes --timeout when it is started).
    QString waitLimitName = QStringLiteral("--timeout SECONDS");
};

// What a flow is built from for one run.
struct FlowContext
{
    HttpClient &http;
    const Clock &clock;
    RandomSource &random;
    BrowserLauncher *browser; // flows that need one fail with a Configuration error without it
    RunOptions options;
};

// How a flow uses one profile field (shown by `ecalab run FLOW --help` and the window).
struct FlowFieldUse
{
    ProfileField field;
    bool required = false;
    QString meaning;
};

// A field the flow leaves out on purpose, and why: shown where the field would be, so nobody
// fills it in and wonders why nothing changed.
struct FlowFieldNote
{
    ProfileField field;
    QString note;
};

// Everything the rest of the house knows about a flow: the window's picker, the CLI's list,
// help and did-you-mean, validation and creation all read this and nothing else, so adding a
// flow means adding its folder and its descriptor.
struct FlowDescriptor
{
    QString name;    // as on the command line: "client-credentials"
    QString title;   // as in the window
    QString summary; // one line for the picker and the list
    QList<FlowFieldUse> fields;
    QList<FlowFieldNote> notes;
    bool waitsForPerson = false; // --timeout then also ends the wait on the person, as Expired (exit 4)
    // Every problem of the profile for this flow, tied to its field; the only validation there is.
    std::function<FieldProblems(const Profile &)> validate;
    std::function<std::unique_ptr<Flow>(const Profile &, const FlowContext &)> create;

    bool available() const { return bool(create); } // false only for a descriptor built without create
    QString helpText() const; // its fields and what --timeout bounds, for `ecalab run FLOW --help`
};

class FlowRegistry
{
public:
    // The built-in flows, in the picker's order; tests may add their own. Only flows that run are
    // registered: nothing is listed that would then answer "not built yet".
    static FlowRegistry &instance();

    void add(FlowDescriptor descriptor); // replaces one of the same name
    void remove(const QString &name);
    const FlowDescriptor *find(const QString &name) const;
    QList<const FlowDescriptor *> all() const;
    QStringList names() const;
    // The known name closest to a mistyped one ("web-sever" → "web-server"), or empty.
    QString closestName(const QString &typed) const;

private:
    FlowRegistry();
    std::vector<std::unique_ptr<FlowDescriptor>> m_descriptors;
};

// Defined beside each flow; the registry's constructor lists them.
FlowDescriptor clientCredentialsDescriptor();
FlowDescriptor webServerDescriptor();
FlowDescriptor deviceDescriptor();
FlowDescriptor jwtBearerDescriptor();
FlowDescriptor refreshDescriptor();
FlowDescriptor headlessLoginDescriptor();
FlowDescriptor headlessRegistrationDescriptor();
FlowDescriptor passwordlessLoginDescriptor();
FlowDescriptor forgotPasswordDescriptor();
FlowDescriptor headlessGuestDescriptor();

} // namespace ecalab
