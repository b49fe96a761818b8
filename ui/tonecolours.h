#pragma once

#include <QColor>
#include <QPalette>

// Status colours for the console's tools (HMAC verify, rate-limit gauge, chart, banner),
// chosen from the palette so that they read on light and dark themes alike. Colour is never
// the only signal: every place that uses them also says it in words.
namespace ToneColours {

inline bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}
inline QColor success(const QPalette &palette)
{
    return isDark(palette) ? QColor(0x6d, 0xd5, 0x8c) : QColor(0x1a, 0x7f, 0x37);
}
inline QColor warning(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xf2, 0xc1, 0x4e) : QColor(0x9a, 0x67, 0x00);
}
inline QColor error(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xff, 0x7b, 0x72) : QColor(0xc0, 0x1c, 0x28);
}
inline QColor neutral(const QPalette &palette)
{
    return palette.color(QPalette::PlaceholderText);
}
// `colour` mixed into the window background: a tinted fill that keeps text readable.
inline QColor tint(const QColor &colour, const QPalette &palette, double amount = 0.22)
{
    const QColor base = palette.color(QPalette::Window);
    return QColor::fromRgbF(float(base.redF() * (1 - amount) + colour.redF() * amount),
                            float(base.greenF() * (1 - amount) + colour.greenF() * amount),
                            float(base.blueF() * (1 - amount) + colour.blueF() * amount));
}

} // namespace ToneColours
