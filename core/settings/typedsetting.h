#pragma once

#include <QSettings>
#include <QString>
#include <QVariant>

// One settings key with its type and default, so that key strings and conversions live in
// one place instead of being spread through the code (qBittorrent's SettingValue<T>,
// Tiled's Preference<T>). Used by the core (profiles) and the console (ui/settings.h).
// The key may hold a %1 placeholder for a variable part, e.g. "profiles/%1/name".
template<typename T> class TypedSetting {
public:
    constexpr TypedSetting(QStringView key, T defaultValue = T())
        : m_key(key)
        , m_default(std::move(defaultValue))
    {
    }

    QString key(const QString &part = {}) const
    {
        return part.isEmpty() ? m_key.toString() : m_key.toString().arg(part);
    }
    const T &defaultValue() const { return m_default; }

    T value(const QSettings &settings, const QString &part = {}) const
    {
        const QVariant stored = settings.value(key(part));
        if (!stored.isValid() || !stored.canConvert<T>())
            return m_default;
        return stored.template value<T>();
    }
    // Writes nothing when `value` is already stored (a write costs the disk a sync).
    void setValue(QSettings &settings, const T &value, const QString &part = {}) const
    {
        const QString name = key(part);
        if (!settings.contains(name) || value != this->value(settings, part))
            settings.setValue(name, QVariant::fromValue(value));
    }
    void remove(QSettings &settings, const QString &part = {}) const { settings.remove(key(part)); }

    // The same in the application's own settings (QCoreApplication's organization and
    // application name).
    T value() const { return value(QSettings()); }
    void setValue(const T &value) const
    {
        QSettings settings;
        setValue(settings, value);
    }

private:
    QStringView m_key; // a literal: lives as long as the program
    T m_default;
};
