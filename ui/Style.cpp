#include "Style.h"

#include <QFontDatabase>
#include <QLabel>
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

void makeBadge(QLabel *label, Tone tone, const QString &iconName, const QString &html)
{
    const QColor accent = toneColor(tone);
    const QColor background = blend(label->palette().color(QPalette::Window), accent, 0.18);
    label->setTextFormat(Qt::RichText);
    label->setWordWrap(true);
    label->setText(
        u"<img src=\":/icons/%1.svg\" width=\"16\" height=\"16\" style=\"vertical-align:middle\">&nbsp; %2"_s.arg(
            iconName, html));
    label->setStyleSheet(
        u"QLabel { background-color: %1; border: 1px solid %2; border-radius: 4px; padding: 4px 8px; }"_s.arg(
            background.name(), accent.name()));
}

} // namespace ecalab::ui
