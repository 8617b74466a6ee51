#include "ResultTabs.h"

#include "DecodedPanel.h"
#include "Icons.h"
#include "RunReport.h"
#include "TokenActionsPanel.h"
#include "TokenPanel.h"
#include "TrafficPanel.h"
#include "WaitPanel.h"

#include "grants/Flow.h"
#include "http/ExchangeLog.h"

#include <QTextBrowser>

#include <utility>

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

ResultTabs::ResultTabs(const Clock *clock, QWidget *parent)
    : QTabWidget(parent), m_wait(new WaitPanel(clock, this)), m_token(new TokenPanel(clock, this)),
      m_decoded(new DecodedPanel(clock, this)), m_traffic(new TrafficPanel(this)), m_explanation(new QTextBrowser(this))
{
    setObjectName(u"resultTabs"_s);
    setAccessibleName(tr("Results"));
    setDocumentMode(true);
    m_explanation->setObjectName(u"explanationView"_s);
    m_explanation->setAccessibleName(tr("Explanation"));
    m_explanation->setOpenExternalLinks(true);
    m_explanation->setPlaceholderText(
        tr("After a run: what happened, and when Salesforce refuses, why and what to do."));
    addTab(m_token, tr("Token"));
    addTab(m_decoded, tr("Decoded"));
    addTab(m_traffic, tr("Traffic (0)"));
    addTab(m_explanation, tr("Explanation"));
    // Last, so the result tabs keep their places; it is selected whenever it appears.
    addTab(m_wait, icon(u"stage-waiting"_s), tr("Your turn"));
    setTabVisible(indexOf(m_wait), false);
    connect(m_traffic, &TrafficPanel::countChanged, this, &ResultTabs::setTrafficCount);
    connect(m_wait, &WaitPanel::waitingChanged, this, &ResultTabs::setWaiting);
    m_traffic->setLookedAt(false); // the Token tab is in front
    connect(this, &QTabWidget::currentChanged, this, [this] {
        m_traffic->setLookedAt(currentWidget() == m_traffic);
        if (currentWidget() == m_decoded)
            showPendingDecoded();
    });
}

// The Decoded tab is built when it is looked at, not while a run ends: the window's event loop
// stalled for its boxes and layout even when nobody opened the tab (docs/benchmarks.md).
void ResultTabs::showDecodedWhenSeen(const TokenSet &tokens, const QJsonObject &checks)
{
    m_pendingDecoded = std::pair(tokens, checks);
    if (currentWidget() == m_decoded)
        showPendingDecoded();
}

void ResultTabs::showPendingDecoded()
{
    if (!m_pendingDecoded)
        return;
    const auto [tokens, checks] = *std::exchange(m_pendingDecoded, std::nullopt);
    m_decoded->showTokens(tokens, checks);
}

void ResultTabs::clearDecoded()
{
    m_pendingDecoded.reset();
    m_decoded->clear();
}

void ResultTabs::setWaiting(bool waiting)
{
    setTabVisible(indexOf(m_wait), waiting);
    if (waiting)
        setCurrentWidget(m_wait);
    else if (currentWidget() == m_wait)
        setCurrentWidget(m_token);
}

void ResultTabs::setLog(ExchangeLog *log)
{
    m_log = log;
    m_traffic->setLog(log);
    setTrafficCount(log ? log->rowCount() : 0);
}

void ResultTabs::setTokenSession(TokenSession *session)
{
    m_actions = new TokenActionsPanel(session, m_token);
    m_token->setActions(m_actions);
    connect(session, &TokenSession::tokensReplaced, this, [this](const TokenSet &tokens, const QJsonObject &checks) {
        m_token->showTokens(tokens, checks);
        showDecodedWhenSeen(tokens, checks);
    });
}

void ResultTabs::setTrafficCount(int count)
{
    setTabText(indexOf(m_traffic), tr("Traffic (%1)").arg(count));
}

void ResultTabs::showRunStarted(const Flow &flow)
{
    m_token->clear(tr("Running %1…").arg(flow.title()));
    clearDecoded();
    m_explanation->clear();
}

void ResultTabs::showSucceeded(const Flow &flow, const TokenSet &tokens)
{
    m_token->showTokens(tokens, flow.checks());
    showDecodedWhenSeen(tokens, flow.checks());
    m_explanation->setHtml(successSummaryHtml(flow, tokens, m_log ? m_log->rowCount() : 0));
    setCurrentWidget(m_token);
}

void ResultTabs::showFailed(const Flow &flow, const FlowError &error)
{
    if (flow.result()) { // a check on the token failed: the token stays in view for inspection
        m_token->showTokens(*flow.result(), flow.checks());
        showDecodedWhenSeen(*flow.result(), flow.checks());
    } else {
        m_token->clear(error.kind == FlowError::Kind::Cancelled ? tr("Cancelled: no token.")
                                                                : tr("No token: %1").arg(errorHeadline(error)));
    }
    m_explanation->setHtml(errorExplanationHtml(flow, error));
}

void ResultTabs::clearResults(const QString &note)
{
    m_token->clear(note);
    clearDecoded();
    m_explanation->clear();
    if (currentWidget() != m_wait)
        setCurrentWidget(m_token);
}

void ResultTabs::showExplanation()
{
    setCurrentWidget(m_explanation);
}

} // namespace ecalab::ui
