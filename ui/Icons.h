#pragma once

#include <QIcon>
#include <QPixmap>
#include <QString>

namespace ecalab::ui {

// SVG icons compiled into ecalab_ui (resources/icons/icons.qrc): crisp at any device pixel ratio.
QIcon icon(const QString &name);
QPixmap iconPixmap(const QString &name, int size, qreal devicePixelRatio);

// The same icons inside rich text (stage chips, badges, status lines, the run report): an
// <img> of SIZE px, on the text's baseline or centred on its line. QTextDocument decodes a ":/…"
// image again for every new text, and a chip whose time ticks gets one ten times a second; these
// name a scheme only this module answers (QTextDocument::setDefaultResourceProvider, Qt 6.1), so
// each icon is decoded once per process.
enum class IconAlign { Baseline, Middle };
QString richTextIcon(const QString &name, int size, IconAlign align = IconAlign::Middle);

} // namespace ecalab::ui
