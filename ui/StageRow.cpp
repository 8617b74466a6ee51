#include "StageRow.h"
#include "Icons.h"

#include "Style.h"
#include "WrappingLabel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QVBoxLayout>

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int kTopSpacing = 6;
constexpr int kHeadingGap = 12;
constexpr qsizetype kMaxMeasuredChips = 256; // icons × titles × live: a few dozen in practice

QString iconNameFor(Flow::StageState state)
{
    return u"stage-"_s + StageRow::stateName(state);
}

bool isLive(Flow::StageState state)
{
    return state == Flow::StageState::Running || state == Flow::StageState::WaitingForUser;
}

// The stage whose detail matters now: the live one, else the failed one, else the last with a detail.
int focusStage(const QList<Flow::Stage> &stages)
{
    int failed = -1;
    int last = -1;
    for (int i = 0; i < stages.size(); ++i) {
        const Flow::Stage &stage = stages.at(i);
        if (isLive(stage.state))
            return i;
        if (stage.state == Flow::StageState::Failed && failed < 0)
            failed = i;
        if (stage.state != Flow::StageState::Pending && !stage.detail.isEmpty())
            last = i;
    }
    return failed >= 0 ? failed : last;
}
} // namespace

StageRow::StageRow(QWidget *parent)
    : QWidget(parent), m_measure(new QLabel(this)), m_chipLayout(new QHBoxLayout),
      m_heading(new QLabel(tr("Stages"), this)), m_detail(new WrappingLabel(this)), m_busy(new QProgressBar(this))
{
    setObjectName(u"stageRow"_s);
    m_measure->setTextFormat(Qt::RichText);
    m_measure->hide();
    setAccessibleName(tr("Stages"));
    QFont font = m_heading->font();
    font.setBold(true);
    m_heading->setFont(font);
    m_detail->setObjectName(u"stageDetail"_s);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setText(tr("Pick a profile and a flow, then press Run (Ctrl+R). Each step of the flow appears here."));
    m_busy->setObjectName(u"busyIndicator"_s);
    m_busy->setAccessibleName(tr("Working"));
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setMaximumWidth(60); // the live chip says what runs; this only shows that something does
    m_busy->setMaximumHeight(10);
    m_busy->hide();

    m_chipLayout->setSpacing(6);
    m_chipLayout->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    top->setSpacing(kTopSpacing);
    top->addWidget(m_heading);
    top->addSpacing(kHeadingGap);
    top->addLayout(m_chipLayout);
    top->addStretch(1);
    top->addWidget(m_busy, 0, Qt::AlignVCenter);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 4);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addWidget(m_detail);

    m_tick.setInterval(100);
    connect(&m_tick, &QTimer::timeout, this, &StageRow::refresh);
}

QString StageRow::stateName(Flow::StageState state)
{
    switch (state) {
    case Flow::StageState::Pending:
        return u"pending"_s;
    case Flow::StageState::Running:
        return u"running"_s;
    case Flow::StageState::WaitingForUser:
        return u"waiting"_s;
    case Flow::StageState::Done:
        return u"done"_s;
    case Flow::StageState::Warning:
        return u"warning"_s;
    case Flow::StageState::Failed:
        return u"failed"_s;
    case Flow::StageState::Skipped:
        return u"skipped"_s;
    }
    return {};
}

QString StageRow::elapsedText(qint64 ms)
{
    if (ms < 0)
        return {};
    if (ms < 1000)
        return u"%1 ms"_s.arg(ms);
    if (ms < 60'000)
        return u"%1 s"_s.arg(double(ms) / 1000.0, 0, 'f', 1);
    return u"%1:%2"_s.arg(ms / 60'000).arg((ms / 1000) % 60, 2, 10, QLatin1Char('0'));
}

void StageRow::setFlow(Flow *flow)
{
    if (m_flow)
        disconnect(m_flow, nullptr, this, nullptr);
    m_flow = flow;
    m_runningSince.clear();
    if (flow) { // the measured chip texts stay: the next run's stages are mostly the same texts
        connect(flow, &Flow::stagesChanged, this, &StageRow::rebuild);
        connect(flow, &Flow::statusChanged, this, &StageRow::refresh);
        connect(flow, &QObject::destroyed, this, [this] { m_tick.stop(); });
    }
    rebuild();
}

void StageRow::rebuild()
{
    const QList<Flow::Stage> stages = m_flow ? m_flow->stages() : QList<Flow::Stage>{};
    if (m_chips.size() != stages.size()) {
        while (QLayoutItem *item = m_chipLayout->takeAt(0)) {
            delete item->widget();
            delete item;
        }
        m_chips.clear();
        for (int i = 0; i < stages.size(); ++i) {
            if (i > 0) {
                auto *arrow = new QLabel(u"→"_s, this);
                makeMuted(arrow);
                m_chipLayout->addWidget(arrow);
            }
            auto *chip = new QLabel(this);
            chip->setObjectName(u"stage%1"_s.arg(i));
            chip->setTextFormat(Qt::RichText);
            m_chipLayout->addWidget(chip);
            m_chips.append(chip);
        }
    }
    for (int i = 0; i < stages.size(); ++i) {
        if (isLive(stages.at(i).state) && !m_runningSince.contains(i))
            m_runningSince[i].start();
    }
    refresh();
}

qint64 StageRow::liveElapsed(int index, const Flow::Stage &stage) const
{
    if (stage.elapsedMs >= 0 || !isLive(stage.state))
        return stage.elapsedMs;
    const auto it = m_runningSince.constFind(index);
    return it == m_runningSince.constEnd() ? -1 : it->elapsed();
}

StageRow::ChipText StageRow::chipText(int index, const Flow::Stage &stage, int detail) const
{
    const bool live = isLive(stage.state);
    const bool titled = detail > 0 || live || stage.state == Flow::StageState::Failed;
    ChipText chip;
    chip.time = detail > 1 || live ? elapsedText(liveElapsed(index, stage)) : QString();
    chip.html = richTextIcon(iconNameFor(stage.state), 16);
    if (titled)
        chip.html += u"&nbsp;"_s + stage.title.toHtmlEscaped();
    if (live)
        chip.html = u"<b>%1</b>"_s.arg(chip.html);
    return chip;
}

QString StageRow::chipHtml(const ChipText &chip) const
{
    if (chip.time.isEmpty())
        return chip.html;
    return chip.html +
           u" <span style=\"color:%1\">%2</span>"_s.arg(palette().color(QPalette::PlaceholderText).name(), chip.time);
}

void StageRow::refresh()
{
    const QList<Flow::Stage> stages = m_flow ? m_flow->stages() : QList<Flow::Stage>{};
    bool live = false;
    for (int i = 0; i < stages.size() && i < m_chips.size(); ++i) {
        const Flow::Stage &stage = stages.at(i);
        QLabel *chip = m_chips.at(i);
        chip->setProperty("stageState", stateName(stage.state));
        chip->setToolTip(stage.detail.isEmpty() ? stage.title : stage.title + u" — "_s + stage.detail);
        chip->setAccessibleName(
            u"%1: %2 %3"_s.arg(stage.title, stateName(stage.state), elapsedText(liveElapsed(i, stage))).trimmed());
        live = live || isLive(stage.state);
    }
    fitChips(stages);
    const int focus = focusStage(stages);
    const bool running = m_flow && !m_flow->isFinished();
    if (focus >= 0) {
        const Flow::Stage &stage = stages.at(focus);
        const QString prefix = stage.state == Flow::StageState::WaitingForUser ? tr("Waiting for you — ") : QString();
        m_detail->setText(u"%1%2: %3"_s.arg(prefix, stage.title, stage.detail));
    } else if (running) {
        m_detail->setText(tr("Starting…"));
    }
    m_busy->setVisible(running);
    if (running && live && !m_tick.isActive())
        m_tick.start();
    else if (!(running && live))
        m_tick.stop();
}

// The chips with as much as fits the row's width — the window never widens for them (MainWindow):
// every title and time, then only the live stage's time, then only the live or failed stage's
// title; the others keep their state icon, and the tooltip has the rest.
void StageRow::fitChips(const QList<Flow::Stage> &stages)
{
    const int count = int(std::min(stages.size(), m_chips.size()));
    const int arrows = std::max(0, count - 1) * (fontMetrics().horizontalAdvance(u"→"_s) + 2 * m_chipLayout->spacing());
    const int space = chipSpace();
    QList<ChipText> chips;
    for (int detail = 2; detail >= 0; --detail) {
        chips.clear();
        int needed = arrows;
        for (int i = 0; i < count; ++i) {
            chips.append(chipText(i, stages.at(i), detail));
            needed += chipWidth(chips.last()) + 1; // a pixel of rounding per chip
        }
        if (needed <= space)
            break;
    }
    for (int i = 0; i < count; ++i)
        m_chips.at(i)->setText(chipHtml(chips.at(i))); // QLabel does nothing for the text it already has
}

int StageRow::chipWidth(const ChipText &chip) const
{
    // The time follows the icon and title in the chip's plain font, after a space.
    const int timeWidth = chip.time.isEmpty() ? 0 : fontMetrics().horizontalAdvance(u' ' + chip.time);
    if (const auto it = m_chipWidths.constFind(chip.html); it != m_chipWidths.constEnd())
        return *it + timeWidth;
    if (m_chipWidths.size() >= kMaxMeasuredChips)
        m_chipWidths.clear();
    m_measure->ensurePolished(); // the chips' font and style, though it is never shown
    m_measure->setText(chip.html);
    return *m_chipWidths.insert(chip.html, m_measure->sizeHint().width()) + timeWidth;
}

// What the top line leaves the chips: less the heading, the gap after it, the busy bar and the
// four spacings between the line's items (heading, gap, chips, stretch, busy bar).
int StageRow::chipSpace() const
{
    const QMargins margins = layout()->contentsMargins();
    const int busy = m_busy->isVisible() ? m_busy->maximumWidth() : 0;
    return width() - margins.left() - margins.right() - m_heading->sizeHint().width() - kHeadingGap - busy -
           4 * kTopSpacing;
}

void StageRow::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    refresh();
}

void StageRow::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        m_chipWidths.clear(); // measured in the old font
}

} // namespace ecalab::ui
