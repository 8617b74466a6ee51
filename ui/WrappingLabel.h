#pragma once

#include <QHash>
#include <QLabel>

namespace ecalab::ui {

// A word-wrapped QLabel that remembers its height for each width. QLabel lays its text out anew on
// every heightForWidth() call, and a layout pass asks several times per label — for every page of
// a tab or stacked widget, shown or not; that re-layout was most of the window's stalls after a run
// (docs/benchmarks.md). The heights are forgotten when the text, its format, the font, style or margins change.
class WrappingLabel : public QLabel
{
public:
    explicit WrappingLabel(QWidget *parent = nullptr);
    explicit WrappingLabel(const QString &text, QWidget *parent = nullptr);

    int heightForWidth(int width) const override;

protected:
    void changeEvent(QEvent *event) override;
    bool event(QEvent *event) override;

private:
    // setText() and setTextFormat() are not virtual: what was measured is compared instead.
    mutable QString m_measuredText;
    mutable Qt::TextFormat m_measuredFormat = Qt::AutoText;
    mutable QHash<int, int> m_heights;
};

} // namespace ecalab::ui
