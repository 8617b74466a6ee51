#pragma once

#include "core/Clock.h"
#include "core/RandomSource.h"
#include "grants/FlowSession.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

namespace ecalab::test {

// Runs one flow to its end on the event loop (QSignalSpy waits; no sleeps).
struct FlowRunner
{
    QNetworkAccessManager network;
    SystemClock clock;
    SystemRandomSource random;
    FlowSession session{FlowServices{&network, &clock, &random}};

    Flow *run(const QString &flowName, const Profile &profile, int timeoutMs = 10'000)
    {
        Flow *flow = start(flowName, profile);
        if (flow && !flow->isFinished())
            waitForEnd(flow, timeoutMs);
        return flow;
    }

    Flow *start(const QString &flowName, const Profile &profile) { return session.start(flowName, profile); }

    static void waitForEnd(Flow *flow, int timeoutMs = 10'000)
    {
        QSignalSpy statusSpy(flow, &Flow::statusChanged);
        QTRY_VERIFY_WITH_TIMEOUT(flow->isFinished(), timeoutMs);
    }
};

} // namespace ecalab::test
