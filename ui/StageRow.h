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

private:
    void rebuild();
    void refresh();
    QString chipHtml(int index, const Flow::Stage &stage) const;
    qint64 liveElapsed(int index, const Flow::Stage &stage) const;

    QPointer<Flow> m_flow;
    QList<QLabel *> m_chips;
    QHash<int, QElapsedTimer> m_runningSince;
    QTimer m_tick;
    QHBoxLayout *m_chipLayout;
    QLabel *m_detail;
    QProgressBar *m_busy;
};

} // namespace ecalab::ui
