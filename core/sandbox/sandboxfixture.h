#pragma once

#include "sandboxkeys.h"

#include <QList>
#include <QString>
#include <QStringList>

// What the sandbox serves but does not learn from requests: segments and the websites that
// have a tracking snippet. Together with the keys it comes from the --keys file.
struct SandboxSegment {
    QString id;
    QString name;
};

struct SandboxFixture {
    QList<SandboxSegment> userSegments;
    QList<SandboxSegment> accountSegments;
    QStringList snippetDomains; // lower case

    bool hasSnippet(const QString &domain) const;
    static QString snippetFor(const QString &domain);

    // Reads a --keys file. Its format (JSON):
    //   {
    //     "keys": [
    //       {"key": "qa-key", "name": "qa", "permissions": ["TrackData", "ReadEvents"]},
    //       {"key": "old-key", "enabled": false}
    //     ],
    //     "segments": {"users": [{"id": "s-1", "name": "Active"}], "accounts": [...]},
    //     "snippetDomains": ["www.acme-inc.com"]
    //   }
    // A key without "permissions" gets every permission; "permissions": [] gets none;
    // "enabled" defaults to true. Every part is optional. On error returns false and says
    // why in `error`; `keys` and `fixture` are then left unchanged.
    static bool loadFile(const QString &path, SandboxKeys *keys, SandboxFixture *fixture,
                         QString *error);
    static bool loadJson(const QByteArray &json, SandboxKeys *keys, SandboxFixture *fixture,
                         QString *error);
};
