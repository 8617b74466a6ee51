#include "Style.h"
#include "Icons.h"

#include <QEvent>
#include <QFontDatabase>
#include <QLabel>
#include <QPainter>
#include <QWidget>

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

QColor toneColor(Tone tone)
{
    switch (tone) {
    case Tone::Info:
        return QColor(0x1c, 0x7e, 0xd6);
    case Tone::Positive:
        return QColor(0x2f, 0x9e, 0x44);
    case Tone::Warning:
        return QColor(0xf0, 0x8c, 0x00);
    case Tone::Negative:
        return QColor(0xe0, 0x31, 0x31);
    case Tone::Neutral:
        break;
    }
    return QColor(0x86, 0x8e, 0x96);
}

QColor blend(const QColor &a, const QColor &b, qreal amountOfB)
{
    return QColor::fromRgbF(float(a.redF() * (1 - amountOfB) + b.redF() * amountOfB),
                            float(a.greenF() * (1 - amountOfB) + b.greenF() * amountOfB),
                            float(a.blueF() * (1 - amountOfB) + b.blueF() * amountOfB));
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

QFont monospaceFont()
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    return font;
}

QString mutedColorName(const QPalette &palette)
{
    return blend(palette.color(QPalette::WindowText), palette.color(QPalette::Window), 0.45).name();
}

void makeMuted(QWidget *widget)
{
    QPalette palette = widget->palette();
    palette.setColor(QPalette::WindowText, QColor(mutedColorName(palette)));
    widget->setPalette(palette);
}

QString countText(qsizetype count, const QString &one, const QString &many)
{
    return u"%1 %2"_s.arg(count).arg(count == 1 ? one : many);
}

namespace {
// A badge's rounded, tinted box, painted under its text. A style sheet drew it before, but a style
// sheet per label makes each badge compute a style of its own, and the token pane has several.
class BadgeBox final : public QObject
{
public:
    static constexpr char16_t kName[] = u"badgeBox";
    explicit BadgeBox(QLabel *label) : QObject(label)
    {
        setObjectName(QString::fromUtf16(kName));
        label->installEventFilter(this);
    }
    void setColors(const QColor &background, const QColor &border)
    {
        m_background = background;
        m_border = border;
        static_cast<QWidget *>(parent())->update();
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint) { // before QLabel paints its text over it
            auto *label = static_cast<QWidget *>(watched);
            QPainter painter(label);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.setPen(QPen(m_border, 1));
            painter.setBrush(m_background);
            painter.drawRoundedRect(QRectF(label->rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QColor m_background;
    QColor m_border;
};
} // namespace

void makeBadge(QLabel *label, Tone tone, const QString &iconName, const QString &html)
{
    const QColor accent = toneColor(tone);
    const QColor background = blend(label->palette().color(QPalette::Window), accent, 0.18);
    label->setTextFormat(Qt::RichText);
    label->setWordWrap(true);
    label->setText(richTextIcon(iconName, 16) + u"&nbsp; "_s + html);
    auto *box = static_cast<BadgeBox *>(
        label->findChild<QObject *>(QString::fromUtf16(BadgeBox::kName), Qt::FindDirectChildrenOnly));
    if (!box) {
        box = new BadgeBox(label);
        label->setContentsMargins(9, 5, 9, 5); // 8 × 4 px of padding inside a 1 px border
    }
    box->setColors(background, accent);
}

} // namespace ecalab::ui
