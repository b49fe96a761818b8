#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QVariant>

// A QSettings key with its type and default in one place, so the UI never spreads raw
// key strings around (qBittorrent's SettingValue<T>, Tiled's Preference<T>).
template<typename T> class SettingValue {
public:
    SettingValue(const char *key, T defaultValue = T())
        : m_key(QString::fromLatin1(key))
        , m_default(std::move(defaultValue))
    {
    }

    T get() const
    {
        const QVariant value = QSettings().value(m_key);
        return value.isValid() && value.canConvert<T>() ? value.value<T>() : m_default;
    }
    void set(const T &value) const { QSettings().setValue(m_key, QVariant::fromValue(value)); }
    QString key() const { return m_key; }

private:
    QString m_key;
    T m_default;
};

namespace Settings {
inline const SettingValue<QByteArray> mainWindowGeometry{"mainWindow/geometry"};
inline const SettingValue<QByteArray> mainWindowState{"mainWindow/state"};
inline const SettingValue<QByteArray> mainSplitter{"mainWindow/splitter"};
inline const SettingValue<bool> showDeprecated{"navigation/showDeprecated", false};
inline const SettingValue<QString> lastOperation{"navigation/lastOperation"};
} // namespace Settings
