#pragma once

#include "grants/Flow.h"

#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QHBoxLayout;
class QLabel;
class QProgressBar;

namespace ecalab::ui {

// The row of steps of the current run (UX.md "One button, visible progress"): each stage with its
// state and time — a running stage's time ticks — plus the detail of the stage that matters now.
class StageRow : public QWidget
{
    Q_OBJECT
public:
    explicit StageRow(QWidget *parent = nullptr);

    void setFlow(Flow *flow);
    static QString stateName(Flow::StageState state);
    static QString elapsedText(qint64 ms);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void rebuild();
    void refresh();
    // A chip's icon and title as rich text, and its time (plain, muted) after them.
    struct ChipText
    {
        QString html;
        QString time;
    };
    void fitChips(const QList<Flow::Stage> &stages);
    int chipWidth(const ChipText &chip) const;
    int chipSpace() const;
    // detail 2: title and time; 1: only the live stage's time; 0: only the live or failed stage's title
    ChipText chipText(int index, const Flow::Stage &stage, int detail) const;
    QString chipHtml(const ChipText &chip) const;
    qint64 liveElapsed(int index, const Flow::Stage &stage) const;

    QPointer<Flow> m_flow;
    QList<QLabel *> m_chips;
    // Laying out a chip's rich text is what costs: each icon and title is measured once, on a label
    // like the chips that is never shown; a ticking time is only a font advance added to it.
    QLabel *m_measure;
    mutable QHash<QString, int> m_chipWidths;
    QHash<int, QElapsedTimer> m_runningSince;
    QTimer m_tick;
    QHBoxLayout *m_chipLayout;
    QLabel *m_heading;
    QLabel *m_detail;
    QProgressBar *m_busy;
};

} // namespace ecalab::ui
