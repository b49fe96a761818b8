#include "sandboxkeys.h"

#include "api/operation.h"

#include <QRandomGenerator>

using namespace Qt::StringLiterals;

QStringList SandboxKeys::allPermissions()
{
    QStringList permissions;
    for (const Operation &operation : OperationCatalogue::all()) {
        if (!operation.permission.isEmpty() && !permissions.contains(operation.permission))
            permissions.append(operation.permission);
    }
    return permissions;
}

void SandboxKeys::add(SandboxKey key)
{
    if (key.name.isEmpty())
        key.name = u"key-%1"_s.arg(m_keys.size() + 1);
    m_keys.insert(key.key, std::move(key));
}

QString SandboxKeys::createDefaultKey()
{
    static constexpr char alphabet[] =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    QString key = u"sbx_"_s;
    for (int i = 0; i < 32; ++i)
        key.append(
            QLatin1Char(alphabet[QRandomGenerator::system()->bounded(int(sizeof(alphabet) - 1))]));
    add({key, u"default"_s, allPermissions(), true});
    return key;
}

const SandboxKey *SandboxKeys::find(const QString &key) const
{
    const auto it = m_keys.constFind(key);
    return it == m_keys.cend() ? nullptr : &*it;
}
