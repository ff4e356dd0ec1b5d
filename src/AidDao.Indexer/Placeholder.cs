namespace AidDao.Indexer;
