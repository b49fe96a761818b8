#pragma once

#include "settings/typedsetting.h"

#include <QByteArray>
#include <QString>

// The console's own settings keys, in the application's settings (TypedSetting::value() and
// setValue(v) without a QSettings). Profiles keep theirs in core/profiles/profilestore.cpp.
namespace Settings {
inline const TypedSetting<QByteArray> mainWindowGeometry{u"mainWindow/geometry"};
inline const TypedSetting<QByteArray> mainWindowState{u"mainWindow/state"};
inline const TypedSetting<QByteArray> mainSplitter{u"mainWindow/splitter"};
inline const TypedSetting<bool> showDeprecated{u"navigation/showDeprecated", false};
inline const TypedSetting<QString> lastOperation{u"navigation/lastOperation"};
} // namespace Settings
