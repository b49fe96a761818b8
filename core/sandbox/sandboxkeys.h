#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

// One API key the sandbox accepts. `name` is what logs and the inspection endpoints show;
// the key itself never leaves the sandbox.
struct SandboxKey {
    QString key;
    QString name;
    QStringList permissions;
    bool enabled = true;

    bool hasPermission(const QString &permission) const
    {
        return permission.isEmpty() || permissions.contains(permission);
    }
};

// The keys the sandbox knows.
class SandboxKeys {
public:
    // Every permission the spec names (x-key-permissions).
    static QStringList allPermissions();

    // Adds or replaces a key; an empty name becomes "key-N".
    void add(SandboxKey key);
    // Adds a key with every permission and returns it: 32 random characters, "sbx_" first.
    QString createDefaultKey();
    const SandboxKey *find(const QString &key) const;
    bool isEmpty() const { return m_keys.isEmpty(); }
    qsizetype size() const { return m_keys.size(); }
    QList<SandboxKey> keys() const { return m_keys.values(); }

private:
    QHash<QString, SandboxKey> m_keys;
};
