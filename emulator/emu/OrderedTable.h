#pragma once

#include <QString>

#include <cstddef>
#include <functional>
#include <list>
#include <unordered_map>

namespace ecalab::emu {

// Items keyed by a string, kept in insertion order: O(1) lookup, insert and erase by key, the
// oldest first for pruning and listing. References stay valid until their item is erased (the
// map is node based), so a caller may hold one across later inserts.
template <typename T> class OrderedTable
{
public:
    T *find(const QString &key)
    {
        const auto it = m_items.find(key);
        return it == m_items.end() ? nullptr : &it->second.item;
    }
    const T *find(const QString &key) const { return const_cast<OrderedTable *>(this)->find(key); }
    bool contains(const QString &key) const { return m_items.count(key) != 0; }

    // Inserts or replaces `key`; a replaced item keeps its place.
    T &insert(const QString &key, T item)
    {
        if (T *existing = find(key)) {
            *existing = std::move(item);
            return *existing;
        }
        m_order.push_back(key);
        auto [it, inserted] = m_items.emplace(key, Node{std::move(item), std::prev(m_order.end())});
        return it->second.item;
    }
    void erase(const QString &key)
    {
        const auto it = m_items.find(key);
        if (it == m_items.end())
            return;
        m_order.erase(it->second.position);
        m_items.erase(it);
    }
    void clear()
    {
        m_items.clear();
        m_order.clear();
    }

    std::size_t size() const { return m_items.size(); }
    bool isEmpty() const { return m_items.empty(); }
    const QString &oldestKey() const { return m_order.front(); }
    T &oldest() { return m_items.find(m_order.front())->second.item; }

    // Visits items oldest first, starting at `offset`, at most `limit` of them (-1: all).
    void forEach(const std::function<void(const T &)> &visit, std::size_t offset = 0, long long limit = -1) const
    {
        auto it = m_order.begin();
        for (std::size_t skipped = 0; it != m_order.end() && skipped < offset; ++it, ++skipped) {
        }
        for (; it != m_order.end() && limit != 0; ++it, --limit)
            visit(m_items.find(*it)->second.item);
    }

private:
    struct Node
    {
        T item;
        typename std::list<QString>::iterator position;
    };
    std::unordered_map<QString, Node> m_items;
    std::list<QString> m_order;
};

} // namespace ecalab::emu
